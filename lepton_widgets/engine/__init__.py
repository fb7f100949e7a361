"""Pure engine: pandas, numpy and scikit-learn only (torch optional).

Nothing here may import anywidget, ipywidgets, traitlets, bqplot or IPython;
``tests/test_engine_purity.py`` enforces it.
"""
