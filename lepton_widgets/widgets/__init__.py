"""Widgets: the only package that imports anywidget, ipywidgets and bqplot."""
