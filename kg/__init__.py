"""minutes-kg: council committee minutes → an RDF knowledge graph.

The pipeline, one module per stage::

    ingest   file → clean text            segment  text → meetings, items, resolutions
    build    records → RDF dataset        store    load and save graphs
    analyse  graph → networkx figures     maps     networkx → pyvis HTML
"""
__version__ = "0.1.0"
