"""The provisioning screen: IT enrols a tablet with the helpdesk before its first sync."""
