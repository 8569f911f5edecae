"""HTTP routes of the helpdesk, one module per resource (base path ``/v1``)."""
