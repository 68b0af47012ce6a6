"""From retrieved provisions to a cited answer: remedies, compose, verify, export."""
