"""What the tests share: real PDFs written byte by byte, the hostile-input set and its harness, a
synthetic embedder, a Chroma server by pid. The benchmarks import these too; tests never import bench."""
