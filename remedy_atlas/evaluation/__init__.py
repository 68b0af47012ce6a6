"""Evaluation: pure metrics, then the runners that apply them to search, answers and public benchmarks."""
