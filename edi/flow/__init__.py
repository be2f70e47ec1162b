"""A flow's life in edi-flux, as named steps (``steps.FLOW``), and what carries it.

- ``steps``: the ordered list of steps, as data (``edi.testing`` derives its crash points
  from it);
- ``examine``: detect, parse, validate; runs in validation workers and never imports the
  conductor;
- ``conductor``: ``Processor``, which carries claimed flows through the steps;
- ``archive``, ``duplicates``, ``deliver``, ``report``, ``storage``, ``names``: the steps'
  units, each small, with typed input and output;
- ``run``: the one run sequence (recover, due retries, a pass over every source) used by
  both ``edi watch`` and ``edi process``.

This package's ``__init__`` imports nothing: ``edi.testing`` reads ``steps`` cheaply.
"""
