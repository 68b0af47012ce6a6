"""load → split → embed → store: the corpus and a user's files into the index."""
