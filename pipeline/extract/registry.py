"""Every normalizer and resolver, listed here once (no registration by import side effect),
and the one way to load a rule set with them: `load_rules`."""

from __future__ import annotations

from pathlib import Path

from pipeline.engine.contracts import Registry
from pipeline.engine.ruleset import RuleSet, load_ruleset, rules_hash
from pipeline.extract import (
    counterparts,
    documents,
    lexicon,
    model_resolution,
    models,
    money,
    officials,
    org_foreign,
    org_resolution,
    org_sources,
    organizations,
)
from pipeline.extract.lexicon import Lexicon
from pipeline.locations import DEFAULT_RULES_DIR

REGISTRY: Registry[Lexicon] = Registry.of(
    normalizers=(
        documents.numbered,
        documents.short_reference,
        money.amount,
        money.amount_range,
        money.amount_pair,
        money.vague,
        money.shared_unit,
        officials.title_then_name,
        officials.name_then_title,
        officials.foreign_name_then_title,
        officials.names_then_verb,
        officials.names_then_respective_posts,
        officials.short_name_then_verb,
        officials.short_reference,
        counterparts.counterpart,
        organizations.organization,
        organizations.named_body,
        org_sources.credited_source,
        org_sources.credited_paper,
        org_sources.credited_name,
        organizations.credited_outlet,
        organizations.provincial_site,
        organizations.known_body,
        organizations.body_of_title,
        organizations.ministry_in_lower_case,
        org_foreign.foreign_company,
        org_foreign.business_name,
        org_foreign.acronym_after_post,
        org_foreign.foreign_agency,
        org_foreign.defined_body,
        org_foreign.listed_brand,
        org_foreign.firm,
        org_foreign.business_list,
        org_foreign.armed_group,
        org_foreign.described_body,
        models.named_model,
        models.quoted_model,
        models.named_before,
    ),
    resolvers=(
        documents.link_short_references,
        money.resolve_money,
        officials.resolve_officials,
        org_resolution.resolve_organizations,
        model_resolution.resolve_models,
    ),
    build_lexicon=lexicon.build_lexicon,
    gazetteer_shapes=lexicon.SHAPES,
)


_LOADED: dict[Path, RuleSet] = {}


def load_rules(directory: str | Path | None = None, *, fresh: bool = False) -> RuleSet:
    """The rule set of `directory` (default: the project's rules), compiled once per process;
    `fresh` compiles it again if its files changed since."""
    path = Path(directory or DEFAULT_RULES_DIR).resolve()
    ruleset = _LOADED.get(path)
    if ruleset is None or (fresh and ruleset.rules_hash != rules_hash(path)):
        ruleset = _LOADED[path] = load_ruleset(path, REGISTRY)
    return ruleset
