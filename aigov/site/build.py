"""`aigov build`: records → generated pages → MkDocs → a static site, safely and incrementally.

    result = build_site(BuildOptions(root=Path(".")))
    result.ok, result.site_dir, result.pages, result.diagnostics

Steps:

1. load and check every record (`aigov.project.load_project` with the checks' checker);
2. compute the portfolio view and render every page, handing each to the writer as it is
   made (`aigov.site.pages`);
3. write the pages into `.aigov-build/docs/` touching only files whose bytes changed, copy the
   user's own pages next to them, and write `.aigov-build/mkdocs.yml`, which inherits the
   user's `mkdocs.yml`;
4. run the engine (MkDocs in this process by default) into a fresh folder beside the output
   folder, then swap it into place; a failed build leaves the previous site untouched.

Steps 1-3 run in a child process when the site is rendered (`aigov.site.isolate`): the records
and pages are gone before MkDocs starts, so peak memory is the larger step, not their sum.
`aigov serve` (render=False) generates in its own process, where the card cache stays warm.

The output folders' safety and the swap are in `aigov.site.output`, the copied evidence in
`aigov.site.linked`, the engines in `aigov.site.engines`.

Nothing here prints or exits: progress goes to a callback, problems come back as Diagnostics.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import aigov.site.mkdocs_config as mc
from aigov import i18n
from aigov.diagnostics import Diagnostic, Severity
from aigov.model import RiskTier
from aigov.paths import display_path
from aigov.project import LoadCache, LoadedRecord, Project, load_project
from aigov.provenance import iso_utc
from aigov.site.base import (
    BUILD_DIR,
    ENGINES,
    BuildError,
    BuildOptions,
    BuildResult,
    Progress,
    build_folder,
    no_progress,
)
from aigov.site.engines import (
    ENGINE_INFO,
    describe,
    installed,
    not_installed,
    rendered_into,
    run_external,
    run_mkdocs,
)
from aigov.site.isolate import call_in_child
from aigov.site.lastgood import LastGood
from aigov.site.leakscan import (
    public_word_counts,
    scan_site,
    withheld_markers,
    without_fixed_text,
)
from aigov.site.linked import MAX_LINKED_FILE, linked_files, user_pages
from aigov.site.output import (
    check_site_dir,
    default_site_dir,
    mark_site,
    prepare_build_folder,
    staging_dir,
    swap_into_place,
)
from aigov.site.pages import (
    ASSET_DIR,
    RESERVED,
    CardSet,
    Pages,
    SiteInputs,
    Stamp,
    generate_pages,
    navigation,
)
from aigov.site.pages.history import history_page
from aigov.site.pages.systems import system
from aigov.site.portfolio import InvalidRecord, Portfolio, SystemView, build_portfolio
from aigov.site.quickpass import QuickPass
from aigov.site.writer import UnsafePath

# pages made from aigov's data files (rules, fields), not from the records
FIXED_PAGES = ("reference/rules.md", "reference/fields.md")

__all__ = [
    "BUILD_DIR",
    "ENGINES",
    "MAX_LINKED_FILE",
    "BuildError",
    "BuildOptions",
    "BuildResult",
    "build_site",
    "check_site_dir",
    "default_site_dir",
    "first_pass",
    "generate",
    "generate_and_write",
    "linked_files",
    "load",
    "make_portfolio",
    "prepare_build_folder",
    "run_external",
    "run_mkdocs",
    "swap_into_place",
]


def _checks(options: BuildOptions) -> tuple[Any, Any]:
    from aigov.checks import CheckOptions, PolicyError, load_policy, make_checker

    today = options.today or dt.date.today()
    try:
        policy = load_policy(options.root)
    except PolicyError as exc:
        first = exc.diagnostics[0] if exc.diagnostics else None
        raise BuildError(
            first or Diagnostic("aigov.yaml", 0, 0, "AIG-POLICY", str(exc), hint="Fix aigov.yaml.")
        ) from exc
    check_options = CheckOptions(today=today, policy=policy, root=options.root)
    return check_options, make_checker(check_options)


def load(
    options: BuildOptions, pool: Executor | None = None, result: BuildResult | None = None
) -> tuple[Project, Any]:
    """Load and check every record; for a public build, redact them before anything renders
    (the checks ran on the full record, so tiers and completeness stay the same), and put
    into `result` what the built site is scanned for (`aigov.site.leakscan`)."""
    from aigov.audience import redact_project, refuse_unresolved

    check_options, checker = _checks(options)
    cache = None
    if not options.render:  # aigov serve loads the same records on every save
        cache = _LOAD_CACHE
        cache.use((check_options.today, check_options.policy), options.root.resolve())
    project = load_project(
        root=options.root,
        checker=checker,
        jobs=1 if pool is None else None,
        pool=pool,
        cache=cache,
    )
    if options.audience != "internal":
        refuse_unresolved(project.records)  # a typo would publish what it should withhold
        full = project
        project = redact_project(project, options.audience)
        if result is not None:
            result.withheld = withheld_markers(
                (r.path, r.data, p.data, p.edition.withheld)
                for r, p in zip(full.records, project.records, strict=True)
            )
            result.public_words = dict(public_word_counts(r.data for r in project.records))
    return project, check_options


_LOAD_CACHE = LoadCache()
_LAST_GOOD = LastGood()
_QUICK = QuickPass()


def with_problems(portfolio: Portfolio, problems: dict[str, list[Diagnostic]]) -> Portfolio:
    """The portfolio with each kept record's current problems on its view (its banner) and
    in `kept` (the home page's list)."""
    if not problems:
        return portfolio
    systems = [
        replace(view, problems=problems[view.loaded.path]) if view.loaded.path in problems else view
        for view in portfolio.systems
    ]
    kept = [
        InvalidRecord(view.record_path, view.problems, view.loaded.path)
        for view in systems
        if view.problems
    ]
    return replace(portfolio, systems=systems, kept=kept)


def make_portfolio(project: Project, check_options: Any, today: dt.date) -> Portfolio:
    from aigov.checks import summary_of
    from aigov.review.signoffs import signoff_states

    summaries: dict[int, Any] = {}

    def summary(loaded: LoadedRecord) -> Any:
        key = id(loaded)
        if key not in summaries:
            summaries[key] = summary_of(loaded, check_options)
        return summaries[key]

    return build_portfolio(
        project,
        today=today,
        tier_of=lambda loaded: summary(loaded).tier if summary(loaded) else None,
        score_of=lambda loaded: summary(loaded).completeness if summary(loaded) else None,
        signoffs_of=lambda loaded: signoff_states(loaded, project.root, today=today),
        policy=getattr(check_options, "policy", None),
    )


def card_maker(
    portfolio: Portfolio,
    root: Path,
    git: Any,
    today: dt.date,
    flavor: str = "mkdocs",
    audience: str = "internal",
    pool: Executor | None = None,
    cache: bool = True,
    built_at: dt.datetime | None = None,
    organisation: Any = None,
) -> Callable[[SystemView], CardSet]:
    """Each system's cards, for the page generator, which asks for them in portfolio order.
    They render in the worker pool while the pages of the systems before are written, and
    only the cards not yet asked for are held."""
    from aigov.checks.registry import SECTIONS
    from aigov.provenance import provenance_for
    from aigov.site.cards import CardJob, render_iter

    user_templates = root / "templates"
    work = [
        CardJob(
            loaded=view.loaded,
            provenance=provenance_for(
                view.loaded.path,
                view.loaded.source,
                view.loaded.content_hash,
                root=root,
                git=git,
                generated_at=built_at,  # a card in the site was generated by this build
            ),
            tier=view.tier,
            completeness=view.score,
            today=today,
            policy=view.policy,
            audience=audience,
            flavor=flavor,
            user_templates=user_templates if user_templates.is_dir() else None,
            organisation=organisation,
        )
        for view in portfolio.systems
    ]
    rendered = zip(
        (v.id for v in portfolio.systems), render_iter(work, pool=pool, cache=cache), strict=False
    )
    ready: dict[str, CardSet] = {}

    def make(view: SystemView) -> CardSet:
        while view.id not in ready:
            system_id, cards = next(rendered)
            ready[system_id] = cards
        cards = ready.pop(view.id)
        sections = []
        if view.score is not None:
            sections = [(SECTIONS.get(k, k), s.percent) for k, s in view.score.sections.items()]
        return replace(
            cards,
            sections=sections,
            completeness_note=view.score.explanation if view.score is not None else "",
        )

    return make


def _stamp(
    project: Project,
    git: Any,
    today: dt.date,
    portfolio: Portfolio,
    audience: str,
    built_at: dt.datetime,
    inputs: Iterable[Path] = (),
) -> Stamp:
    """The build line's facts. Uncommitted changes are the records' and those of the other
    files the pages show or obey (`inputs`: the policy, the site config, linked evidence)."""
    dirty = {r.path for r in project.records if git.is_dirty(r.source)} if git.available else set()
    others = git.available and any(git.is_dirty(p) for p in inputs)
    date = git.head_date[:10] if git.available and git.head_date else None
    return Stamp(
        today=today,
        revision=git.head if git.available else None,
        revision_date=date,
        dirty=bool(dirty) or bool(others),
        inputs_dirty=bool(others),
        dirty_records=frozenset(dirty),
        records=len(project.records),
        audience=audience,
        systems=len(portfolio.systems),
        invalid=len(portfolio.invalid),
        built_at=iso_utc(built_at),
    )


def generate(
    options: BuildOptions, put: Callable[[str, bytes], None], progress: Progress = no_progress
) -> tuple[BuildResult | None, str | None]:
    """Load, check and render every page, handing each file to `put` (path in the docs
    folder, bytes) as soon as it is made. Returns the result and the generated mkdocs.yml
    (a first pass: the result, or None when it could not run, and no config)."""
    root = options.root.resolve()
    try:
        user = mc.read_user_config(root, options.config_file)
    except mc.ConfigError as exc:
        raise BuildError(exc.diagnostic) from exc
    site_dir = (options.site_dir or default_site_dir(root, user)).absolute()
    build_dir = build_folder(root, options.audience)
    result = BuildResult(root, site_dir, build_dir, build_dir / "mkdocs.yml")
    result.audience = options.audience
    result.user_config = user.path
    check_site_dir(site_dir, root)
    fixed: list[str] = []  # aigov's own reference pages, for the leak scan's markers

    def keep(rel: str, data: bytes) -> None:
        if rel.startswith(FIXED_PAGES) and result.withheld:
            fixed.append(data.decode("utf-8", errors="replace"))
        put(rel, data)

    generator = _generate_pages(options, user, root, keep, progress, result)
    if generator is None:  # a first pass that could not run
        return None, None
    if options.first_pass:
        return result, None
    result.withheld = without_fixed_text(result.withheld, fixed)
    result.warnings.extend(generator.notes)
    theirs, their_pages, notes = user_pages(user, root)
    result.warnings.extend(notes)
    taken = _copy_user_pages(theirs, user, generator.names, put, result)
    nav = navigation(user.nav, [p for p in their_pages if p in taken])
    # The config names the repository's usual output folder, never a custom --site-dir or
    # the preview's temporary folder: someone running `mkdocs build -f .aigov-build/mkdocs.yml`
    # by hand gets what plain MkDocs would do (MkDocs empties its site_dir first). aigov itself
    # always passes its own fresh staging folder. An engine that writes only inside its
    # config's folder (Zensical) is given a folder there, which aigov moves into place.
    engine = ENGINE_INFO[options.engine]
    cfg = mc.generated_config(
        user,
        build_folder=build_dir,
        site_dir=rendered_into(result.config_file)
        if engine.output_in_build_folder
        else default_site_dir(root, user),
        nav=nav,
        extra_css=[f"{ASSET_DIR}/aigov.css"],
        extra_javascript=[f"{ASSET_DIR}/aigov.js"],
        polyfill=f"{ASSET_DIR}/iframe-worker.js",
        flat=not engine.inherits,
        engine=engine.name,
        language=i18n.current(),
    )
    result.warnings.extend(cfg.warnings)
    names = generator.names | taken
    result.pages = sum(1 for p in names if p.endswith(".md"))
    result.files = len(names)
    return result, cfg.text


def _generate_pages(
    options: BuildOptions,
    user: mc.UserConfig,
    root: Path,
    put: Callable[[str, bytes], None],
    progress: Progress,
    result: BuildResult,
) -> Pages | None:
    """Load and check the records, then render every page into `put`; the record findings
    and the linked files' notes go into `result`. A first pass renders only the changed
    records' own pages, and returns None when it cannot (a full pass is needed)."""
    from aigov.checks import all_rules
    from aigov.checks.tier import harm_tier
    from aigov.provenance import GitInfo, build_moment

    today = options.today or dt.date.today()
    built_at = build_moment(options.built_at)
    with worker_pool(options.jobs) as pool:
        progress("load", 0, 1)
        project, check_options = load(options, pool, result)
        progress("load", 1, 1)
        problems: dict[str, list[Diagnostic]] = {}
        if not options.render:  # the preview keeps the last good version of a broken record
            project, problems = _LAST_GOOD.keep(project)
        portfolio = with_problems(make_portfolio(project, check_options, today), problems)
        changed = _QUICK.changed(portfolio) if options.first_pass else None
        if options.first_pass and not changed:
            return None  # a full pass is needed, or nothing changed
        result.invalid_records = portfolio.invalid
        result.kept_records = portfolio.kept
        result.project_diagnostics = portfolio.project_diagnostics
        result.diagnostics = project.all_diagnostics + [
            d for found in problems.values() for d in found
        ]
        result.systems = len(portfolio.systems)
        result.invalid = len(portfolio.invalid)
        git = GitInfo.discover(root)
        # the organisation record has no visibility settings, so nothing proves a public
        # edition may show it: a public build leaves it out (fails closed)
        organisation = project.organisation if options.audience == "internal" else None
        if project.organisation is not None and organisation is None:
            result.warnings.append(
                Diagnostic(
                    "organisation.yaml",
                    0,
                    0,
                    "AIG-SITE-ORG",
                    "organisation.yaml is left out of this public build: it has no visibility "
                    "settings, so nothing shows its controls and evidence may be published",
                    Severity.WARNING,
                    hint="Internal builds show it; publish organisation-wide policies as pages "
                    "of your own docs folder if they are public.",
                )
            )
        org_evidence = (
            [e for c in organisation.controls for e in c.evidence] if organisation else []
        )
        linked, notes = linked_files(portfolio, root, org_evidence)
        result.warnings.extend(notes)
        order = [t.value for t in RiskTier]
        inputs = SiteInputs(
            portfolio=portfolio,
            stamp=_stamp(
                project,
                git,
                today,
                portfolio,
                options.audience,
                built_at,
                [
                    root / "aigov.yaml",
                    user.path or root / "mkdocs.yml",
                    *(root / p for p in linked),
                ],
            ),
            rules=all_rules(),
            root=root,
            use_directory_urls=user.use_directory_urls,
            cards=card_maker(
                portfolio,
                root,
                git,
                today,
                flavor="mkdocs" if user.has_extension("admonition") else "plain",
                audience=options.audience,
                pool=pool,
                cache=not options.render,  # only `aigov serve` builds again in this process
                built_at=built_at,
                organisation=organisation,
            ),
            band=lambda s, lk: order.index(harm_tier(s, lk).value),
            band_name=lambda s, lk: harm_tier(s, lk).value,
            linked_files=linked,
            organisation=organisation,
            policy=getattr(check_options, "policy", None),
            components=project.components,
            keep=not options.render,  # only `aigov serve` builds again in this process
        )
        generator = Pages(inputs, sink=put)
        if changed:
            for view in changed:
                system(generator, view)
                history_page(generator, view)
            return generator
        generate_pages(generator, progress)
        if not options.render:
            _QUICK.remember(portfolio)
    return generator


def _copy_user_pages(
    theirs: dict[str, bytes],
    user: mc.UserConfig,
    generated: set[str],
    put: Callable[[str, bytes], None],
    result: BuildResult,
) -> set[str]:
    """Hand the user's own pages to `put`, except those at a path aigov generates or owns
    (a warning each); returns the paths copied."""
    taken: set[str] = set()
    for rel, data in theirs.items():
        if rel in generated or rel.startswith(RESERVED):
            result.warnings.append(
                Diagnostic(
                    display_path(user.docs_dir / rel) if user.docs_dir else rel,
                    0,
                    0,
                    "AIG-SITE-PAGE",
                    f"your page {rel} has the same path as a page aigov generates; aigov's page is used",
                    Severity.WARNING,
                    hint="Rename or move your page; aigov owns index.md, tags.md and the systems/, "
                    "registers/, gaps/, reference/, files/ and assets/aigov/ folders.",
                )
            )
            continue
        put(rel, data)
        taken.add(rel)
    return taken


@contextmanager
def worker_pool(jobs: int | None) -> Iterator[Executor | None]:
    """One pool of worker processes for loading records and rendering cards. Workers start
    at the first task, the loading, while this process still holds nothing: a worker
    started later would begin as a copy of every loaded record."""
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield pool
    except BaseException:  # a failed build does not wait for the cards still queued
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def generate_and_write(
    options: BuildOptions, progress: Progress = no_progress
) -> BuildResult | None:
    """Generate every page into `.aigov-build/docs/` (only changed files are rewritten, the
    ones no longer generated removed) and write `.aigov-build/mkdocs.yml`.

    Pages are written as they are made, so a generation that fails part-way leaves the build
    folder partly updated (stale pages not yet removed, the previous mkdocs.yml); nothing is
    rendered from it then, and the next successful build makes it whole. The site itself is
    only ever replaced by a complete build."""
    from aigov.provenance import build_moment

    build_dir = build_folder(options.root.resolve(), options.audience)
    # one moment for the whole build; the writer keeps a page whose only change is that moment
    moment = build_moment(options.built_at)
    options = replace(options, built_at=moment)
    writer = prepare_build_folder(build_dir)
    writer.moment = iso_utc(moment)

    def put(rel: str, data: bytes) -> None:
        try:
            writer.put(rel, data)
        except UnsafePath as exc:  # pragma: no cover - page paths are built from slugs
            raise BuildError(
                Diagnostic(str(build_dir), 0, 0, "AIG-SITE-PATH", str(exc), hint="Report this bug.")
            ) from exc

    result, config = generate(options, put, progress)
    if result is None or config is None:  # a first pass: nothing removed, the config kept
        if result is not None:
            result.write = writer.stats
        return result
    result.write = writer.finish()
    cfg_path = build_dir / "mkdocs.yml"
    data = config.encode("utf-8")
    if not cfg_path.is_file() or cfg_path.read_bytes() != data:
        tmp = cfg_path.with_suffix(".yml.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cfg_path)
        result.write.written.append("mkdocs.yml")
    return result


def build_site(options: BuildOptions, progress: Progress = no_progress) -> BuildResult:
    """The whole build. Raises BuildError when the site cannot be built (nothing replaced)."""
    if options.engine not in ENGINES:
        raise BuildError(
            Diagnostic(
                "aigov",
                0,
                0,
                "AIG-SITE-ENGINE",
                f"unknown engine {options.engine!r}",
                hint=f"Use one of: {', '.join(ENGINES)}.",
            )
        )
    if options.render and not installed(options.engine):
        raise not_installed(options.engine)  # before minutes of page generation
    options = replace(options, first_pass=False)
    if not options.render:  # aigov serve: in this process, whose caches stay warm
        result = generate_and_write(options, progress)
        assert result is not None  # only a first pass gives none
        return result
    result = call_in_child(generate_and_write, options, progress=progress)
    assert result is not None
    staging = staging_dir(result.site_dir)
    try:
        render(options, result, staging, progress)
        fail_on_leaks(result, staging, options.engine, progress)
        mark_site(staging)
        swap_into_place(staging, result.site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    result.rendered = True
    return result


def first_pass(options: BuildOptions) -> BuildResult | None:
    """`aigov serve` after a save: the pages of the records changed since the last build,
    written into the build folder (nothing else rewritten or removed), for MkDocs to render
    before the full build; None when that cannot be told (`aigov.site.quickpass`)."""
    if not _QUICK.ready:
        return None
    return generate_and_write(replace(options, first_pass=True, render=False))


def render(options: BuildOptions, result: BuildResult, staging: Path, progress: Progress) -> None:
    """Run the chosen engine on the generated pages into `staging`."""
    result.engine = describe(options.engine)
    if ENGINE_INFO[options.engine].in_process:
        result.warnings.extend(
            run_mkdocs(
                result.config_file,
                staging,
                progress,
                result.pages,
                strict=options.strict,
                user_config=result.user_config,
                parallel=options.jobs != 1,
            )
        )
    else:
        run_external(
            options.engine, result.config_file, staging, strict=options.strict, cwd=result.root
        )


def fail_on_leaks(result: BuildResult, site: Path, engine: str, progress: Progress) -> None:
    """Scan a public edition's built pages and search index for withheld text; any hit is a
    BuildError (the site is not swapped into place). The first hits are in the error, all of
    them in its notes."""
    if result.audience == "internal":
        return
    from collections import Counter

    progress("scan", 0, 1)
    with worker_pool(None) as pool:
        hits, result.scanned = scan_site(
            site,
            result.withheld,
            Counter(result.public_words),
            ENGINE_INFO[engine].search_index,
            pool=pool,
        )
    progress("scan", 1, 1)
    if hits:
        first = hits[0]
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        error = BuildError(replace(first, message=first.message + more))
        for hit in hits[1:50]:
            error.add_note(f"{hit.path}: {hit.message}")
        raise error
