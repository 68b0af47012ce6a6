"""Search over the index: tokenize, BM25, dense neighbours, fusion, filters, evaluation."""
