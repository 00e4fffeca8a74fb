"""The sale engine: steps, journal and payment guard; no Qt."""
