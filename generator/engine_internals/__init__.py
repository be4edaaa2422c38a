"""Every use of MkDocs' or Material's internals, in one place: what the plugin needs that no
public API gives, by what it touches (``builds``, ``page_steps``, ``search_index``,
``live_server``). Each is guarded by a test in ``tests/test_engine_internals.py`` that fails when
an upgrade of MkDocs, ProperDocs or Material changes it; read that test before upgrading. Nothing
else in the generator imports MkDocs' or Material's private names.

ProperDocs answers ``import mkdocs`` with itself, so the same code serves both engines.
"""
