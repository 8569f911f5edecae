"""VIP Host Console core: domain, services, SLA engine. Imports no Qt."""

__version__ = "0.1.0"
