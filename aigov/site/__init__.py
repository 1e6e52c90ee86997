"""The documentation site: records → MkDocs-Material pages → a static, offline site.

    from aigov.site import BuildOptions, BuildError, build_site
    result = build_site(BuildOptions(root=Path(".")))

See `aigov.site.build` for the steps, `aigov.site.pages` for the page map and
`aigov.site.serve` for the live-reloading preview.
"""

from aigov.site.build import BuildError, BuildOptions, BuildResult, build_site

__all__ = ["BuildError", "BuildOptions", "BuildResult", "build_site"]
