"""Compliance prompts shown on the floor (AML threshold transactions)."""
