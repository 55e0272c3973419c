"""gpcatalog."""
