"""The site's HTML theme: Material for MkDocs' ``custom_dir`` (see mkdocs.yml), the only place
that holds HTML and CSS.

The package installs this folder as ``generator.theme`` (pyproject.toml), so an installed
generator draws its pictures with these partials and its plugin gives any site this theme;
``generator.templating.theme()`` finds it. MkDocs copies no ``.py`` file into a site.
"""
