"""The desk's Qt front end: panels, dialogs, table models and the background-task helper.

Views reach data only through the `DeskServices` object they are given (`services.py`);
the models and the sync layer they call never import Qt.
"""
