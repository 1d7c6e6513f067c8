"""Page tables of the read walker for the pathway's later stages (one module per app)."""
