"""The labelled question set: dev (tune on it) and test (report only), and the rule that splits them."""
