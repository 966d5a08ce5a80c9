"""Per-file Rosters stacked into one: row sources renumbered, committees filled, member ids coded."""

from __future__ import annotations

import re
from pathlib import Path

from memberaudit.model.lazy import pl
from memberaudit.model.roster import Roster, conform
from memberaudit.model.text import fold
from memberaudit.model.vocab import TABLE_KINDS
from memberaudit.normalize.build import BY_NAME, by_source, name_key
from memberaudit.normalize.issues import issue_rows
from memberaudit.read.headers import name_parts, named_in_title, year_in


def combine(parts: list[Roster]) -> Roster:
    """One Roster from per-file Rosters: stack the frames (row sources renumbered), fill committees, code
    member ids (`Roster.ids`) and add the members' unit as a Categorical (`_unit`, see roster)."""
    if len(parts) == 1:
        roster = parts[0]
    else:
        frames: dict[str, list] = {kind: [] for kind in (*TABLE_KINDS, "issues")}
        sources, skipped, files, cached = [], [], [], []
        for part in parts:
            offset = len(sources)
            for kind in frames:
                frames[kind].append(getattr(part, kind).with_columns(pl.col("_src") + offset))
            sources += part.sources
            skipped += part.skipped
            files += part.files
            cached += part.cached
        roster = Roster(**{k: pl.concat(v) for k, v in frames.items()}, sources=sources, skipped=skipped, files=files,
                        cached=cached)
    # an unknown occupation is reported once per distinct text, not once per file
    occupation = (pl.col("code") == "DAT005") & (pl.col("field") == "occupation")
    roster.issues = pl.concat([
        roster.issues.filter(~occupation),
        roster.issues.filter(occupation).unique("value", keep="first", maintain_order=True),
    ]).sort("_src", "_row", "field", "code")
    _older_files(roster)
    roster.members = _fill_parent_units(roster.members, roster.units, roster.sources).with_columns(
        pl.col("unit").cast(pl.Categorical).alias("_unit"))
    _match_names(roster)
    _code_ids(roster)
    return roster


def _older_files(roster) -> None:
    """Members lists of two years in two files (a folder per year, "DS 2025.xlsx" beside "DS 2026.xlsx"):
    where most of an older list's members are on a later one, the later is the roster and the older is
    skipped with that reason, as within one workbook (read too, every member was on the list twice). Only the
    list: the older year's attendance and dues are that year's records."""
    from memberaudit.model.source import Skipped

    dated = [(i, s, s.year or year_in(Path(s.file).stem)) for i, s in enumerate(roster.sources) if s.kind == "members"]
    dated = [(i, s, y) for i, s, y in dated if y]
    if len({s.file for _, s, _ in dated}) < 2 or len({y for *_, y in dated}) < 2:
        return
    ids = roster.members.filter(pl.col("_src").is_in([i for i, *_ in dated])).group_by("_src").agg(
        pl.col("member_id").cast(pl.String).drop_nulls().unique())
    held = {src: set(values) for src, values in ids.iter_rows()}
    older = {}
    for i, source, year in dated:
        later = [(y, t) for j, t, y in dated if t.file != source.file and y > year and held.get(i)
                 and 2 * len(held[i] & held.get(j, set())) >= len(held[i])]
        if later:
            latest, kept = max(later, key=lambda item: item[0])
            older[i] = Skipped(source.file, source.sheet, "skip.older_file",
                               {"year": year, "latest": latest, "kept": f"{Path(kept.file).name} › {kept.sheet}"})
    if older:
        gone = pl.col("_src").is_in(list(older))
        roster.members = roster.members.filter(~gone)
        roster.issues = roster.issues.filter(~gone)
        roster.skipped = [*roster.skipped, *older.values()]


# the tables holding member ids besides members
_ID_TABLES = ("attendance", "dues", "ratings", "transfers", "comments", "discipline")


def _match_names(roster) -> None:
    """Records kept by name (`normalize.build.by_name`: "~name~branch") take the member id of the one
    member of that name in that branch (case, diacritics and tone placement aside), or anywhere when the
    record names no branch. A name no member has, or two members have, stays the name: DAT006 lists it (an
    ambiguous name as such)."""
    members = None  # the members' name keys, made once, only when some table is kept by name
    for kind in _ID_TABLES:
        frame = getattr(roster, kind)
        ids = frame.get_column("member_id").cast(pl.String)
        if not ids.str.starts_with(BY_NAME).any():
            continue
        if members is None:
            members = roster.members.select(pl.col("member_id").cast(pl.String).alias("_id"),
                                            name_key(pl.col("full_name")).alias("_key"),
                                            fold_unit("unit").alias("_unit"))
        parts = pl.col("_wanted").str.split(BY_NAME)
        wanted = (ids.alias("_wanted").unique().to_frame().filter(pl.col("_wanted").str.starts_with(BY_NAME))
                  # (a card typed with the marker's character, "~0", is no name and branch: null where it ends)
                  .with_columns(parts.list.get(1, null_on_oob=True).alias("_name"),
                                parts.list.get(2, null_on_oob=True).alias("_branch")))
        wanted = wanted.with_columns(name_key(pl.col("_name")).alias("_key"), fold_unit("_branch").alias("_unit"))
        in_branch = wanted.filter(pl.col("_unit") != "").join(members, on=["_key", "_unit"], how="left")
        anywhere = wanted.filter(pl.col("_unit") == "").join(members.drop("_unit"), on="_key", how="left")
        found = pl.concat([in_branch.select("_wanted", "_name", "_id"), anywhere.select("_wanted", "_name", "_id")])
        resolved = found.group_by("_wanted").agg(pl.col("_name").first(), pl.col("_id").drop_nulls().unique())
        mapping = resolved.select("_wanted", pl.when(pl.col("_id").list.len() == 1).then(pl.col("_id").list.first())
                                  .otherwise(pl.col("_name")).alias("_id"))
        # a name two members have is said so (DAT006, "name_ambiguous"), never given to one of them
        ambiguous = resolved.filter(pl.col("_id").list.len() > 1).get_column("_wanted")
        if len(ambiguous):
            rows = frame.with_columns(ids.alias("_wanted")).filter(pl.col("_wanted").is_in(ambiguous.implode()))
            rows = rows.sort("_src", "_row").unique("_wanted", keep="first", maintain_order=True).with_columns(
                pl.col("_wanted").str.split(BY_NAME).list.get(1, null_on_oob=True).alias("member_id"))
            roster.issues = pl.concat([roster.issues, conform("issues", issue_rows(
                rows, pl.lit(True), "member_id", pl.col("member_id"), "name_ambiguous"))]).sort(
                "_src", "_row", "field", "code")
        setattr(roster, kind, frame.with_columns(
            ids.replace_strict(mapping["_wanted"], mapping["_id"], default=ids).alias("member_id")))


def fold_unit(column: str):
    """A branch name compared as names are: case, diacritics and spacing aside."""
    return name_key(pl.col(column).fill_null(""))


def _code_ids(roster) -> None:
    """Member ids become integer codes in every table (the rules match ids by them), their texts kept once
    in `roster.ids`: a member's code is the first members row holding its id; every other table's ids take
    the members' codes (`aligned_codes`), and ids no member holds codes after theirs, one per text."""
    member_ids = roster.members.get_column("member_id").cast(pl.String)
    codes = first_row_codes(member_ids)
    found = {kind: aligned_codes(getattr(roster, kind).get_column("member_id"), member_ids, codes)
             for kind in _ID_TABLES}
    strangers = pl.concat([getattr(roster, kind).get_column("member_id").filter(found[kind].is_null())
                           for kind in _ID_TABLES]).drop_nulls().unique(maintain_order=True)
    roster.ids = pl.concat([member_ids, strangers]).alias("member_id")
    roster.members = roster.members.with_columns(codes.alias("member_id"))
    stranger_codes = pl.int_range(len(member_ids), len(roster.ids), dtype=pl.UInt32, eager=True)
    for kind in _ID_TABLES:
        frame = getattr(roster, kind)
        ids, known = frame.get_column("member_id"), found[kind]
        at = (known.is_null() & ids.is_not_null()).arg_true()  # only the strangers' rows are looked up
        if len(at):
            known = known.scatter(at, ids.gather(at).replace_strict(strangers, stranger_codes, return_dtype=pl.UInt32))
        setattr(roster, kind, frame.with_columns(known.alias("member_id")))


def first_row_codes(ids):
    """For each id, the first row holding it (null for no id): found by the ids' 64-bit hashes, grouped on
    every core (Polars' Categorical cast ran on one, behind its global map's lock), each checked against
    its row's text; by the texts themselves when two ids share a hash."""
    rows = pl.int_range(len(ids), dtype=pl.UInt32, eager=True).alias("_i").to_frame()
    none = pl.repeat(None, len(ids), dtype=pl.UInt64, eager=True)
    hashes = _key_hash(ids, 0).zip_with(ids.is_not_null(), none)  # rows without an id: one group of their own
    first = rows.with_columns(hashes.alias("_h")).select(pl.col("_i").min().over("_h")).to_series()
    if not (ids.gather(first) == ids).fill_null(True).all():  # two ids of one hash
        first = rows.with_columns(ids.alias("_id")).select(pl.col("_i").min().over("_id")).to_series()
    return first.zip_with(ids.is_not_null(), pl.repeat(None, len(ids), dtype=pl.UInt32, eager=True))


def aligned_codes(ids, member_ids, member_codes):
    """`ids` as the codes of the members holding them (`member_ids`, coded `member_codes`), null for an id
    no member holds: the code at the same position where the id is the member's there (one system exports
    its tables in one order); elsewhere the code of the member row holding the id, found by a join on
    hashes (`_member_row`), or of the one member whose card differs only in its leading zeros."""
    n = min(len(ids), len(member_ids))
    same = pl.concat([(ids.head(n) == member_ids.head(n)).fill_null(False),
                      pl.repeat(False, len(ids) - n, dtype=pl.Boolean, eager=True)])
    none = pl.repeat(None, len(ids), dtype=pl.UInt32, eager=True)
    codes = pl.concat([member_codes.head(n), none.head(len(ids) - n)]).zip_with(same, none)
    differ = pl.int_range(len(ids), dtype=pl.UInt32, eager=True).filter(~same & ids.is_not_null())
    if not len(differ):
        return codes.alias(ids.name)
    rest = member_codes.gather(_member_row(ids, differ, member_ids, member_codes))
    unknown = rest.is_null()
    if unknown.any():
        rest = rest.scatter(unknown.arg_true(), _zeros_lost(ids.gather(differ.filter(unknown)), member_ids, member_codes))
    return codes.scatter(differ, rest).alias(ids.name)


_VARIANTS = ("", "0", "00", "000")  # leading zeros a card number typed as a number may have lost


def _zeros_lost(strangers, member_ids, member_codes):
    """For ids no member holds, the code of the one member whose card number differs from it only in leading
    zeros (a card typed as a number in one sheet loses them: 1234567 there, 01234567 in the list), else null.
    Only ids of digits are tried, each with up to three zeros more or fewer."""
    digits = strangers.str.contains(r"^\d+$").fill_null(False)
    none = pl.repeat(None, len(strangers), dtype=member_codes.dtype, eager=True)
    if not digits.any():
        return none
    bare = strangers.str.strip_chars_start("0")
    tried = (pl.DataFrame({"_i": pl.int_range(len(strangers), dtype=pl.UInt32, eager=True), "_id": strangers,
                           "_bare": bare})
             .filter(digits).select("_i", "_id", pl.concat_list([pl.lit(z) + pl.col("_bare") for z in _VARIANTS]).alias("_v"))
             .explode("_v").filter(pl.col("_v") != pl.col("_id")))
    rows = _member_row(tried.get_column("_v"), pl.int_range(tried.height, dtype=pl.UInt32, eager=True), member_ids,
                       member_codes)
    found = (tried.with_columns(member_codes.gather(rows).alias("_code")).drop_nulls("_code")
             .group_by("_i").agg(pl.col("_code").unique()).filter(pl.col("_code").list.len() == 1))
    return none.scatter(found.get_column("_i"), found.get_column("_code").list.first())


def _key_hash(values, seed: int):
    """64-bit hashes of the ids, one seed a use (a module function: the test of collisions replaces it)."""
    return values.hash(seed=seed)


def _member_row(ids, at, member_ids, member_codes):
    """For each id at the positions `at`, a row of the members holding it (null when none).

    Joined on one row per member code by the ids' 64-bit hashes, in any order, then put in place: a join on
    the text keeping order took 2-4.7 s for 9 million ratings, this 0.6 s. A second hash of another seed
    confirms each match (an id no member has, with a member's hash, stays unknown); two member ids of one
    hash are joined by their text instead."""
    physical = member_codes
    rows = pl.int_range(len(physical), dtype=pl.UInt32, eager=True)
    if physical.null_count():
        rows, physical = rows.filter(physical.is_not_null()), physical.drop_nulls()
    # one row per code (any: an id's rows share its code), without hashing the ids
    one = pl.repeat(None, (physical.max() or 0) + 1, dtype=pl.UInt32, eager=True).scatter(physical, rows).drop_nulls()
    keys = member_ids.gather(one)
    table = pl.DataFrame({"_h": _key_hash(keys, 0), "_row": one})
    probe = pl.DataFrame({"_h": _key_hash(ids, 0).gather(at), "_i": pl.int_range(len(at), dtype=pl.UInt32, eager=True)})
    joined = probe.lazy().join(table.lazy(), on="_h", how="inner").collect(engine="streaming")
    if joined.height != joined.get_column("_i").n_unique():  # two member ids of one hash
        table = pl.DataFrame({"_id": keys, "_row": one})
        return ids.gather(at).alias("_id").to_frame().join(table, on="_id", how="left", maintain_order="left")["_row"]
    found = pl.repeat(None, len(at), dtype=pl.UInt32, eager=True).scatter(joined["_i"], joined["_row"])
    confirmed = _key_hash(member_ids, 1).gather(found) == _key_hash(ids, 1).gather(at)
    return found.zip_with(confirmed.fill_null(False), pl.repeat(None, len(at), dtype=pl.UInt32, eager=True))


def _fill_parent_units(members, units, sources):
    """A member's committee: the members table, else the units table, else the sheet's "ĐẢNG BỘ …" title, else
    the committee its file or folder is named after ("Đảng bộ phường Láng Thượng/Chi bộ 1.xlsx")."""
    if not members.select(pl.col("parent_unit").is_null().any()).item():
        return members  # an export that names every member's committee: nothing to look up (0.5 s for 5.3M)
    by_unit = units.filter(pl.col("unit").is_not_null() & pl.col("parent_unit").is_not_null()).group_by("unit").agg(
        pl.col("parent_unit").first().alias("_unit_parent"))
    titles = {}
    for index, source in enumerate(sources):
        # the nearest committee line above the table: the first names the superior committee
        titles[index] = next(filter(None, map(committee_named, reversed(source.titles))), None) or next(
            filter(None, map(committee_named, [*name_parts(Path(source.file).stem),
                                               *name_parts(Path(source.file).parent.name)])), None)
    # looked up, not joined: a join copies every member column (5.3 million members: 0.9 s)
    from_units = pl.col("unit").replace_strict(by_unit.get_column("unit"), by_unit.get_column("_unit_parent"),
                                               default=None, return_dtype=pl.String)
    from_title = by_source(titles, pl.String)
    filled = members.with_columns(pl.coalesce("parent_unit", from_units, from_title).alias("parent_unit"))
    return filled.with_columns(one_spelling(filled.get_column("parent_unit")).alias("parent_unit"))


# a letterhead names the committee as itself ("ĐẢNG BỘ PHƯỜNG X"), by its executive ("ĐẢNG ỦY PHƯỜNG X", the
# way a committee signs its documents) or its full title ("BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG X", "BCH ĐẢNG BỘ …")
_COMMITTEE_LINE = re.compile(r"^(?:ban chap hanh |bch )?dang (?:bo|uy) (?=\S)")


def committee_named(title: str) -> str | None:
    """The committee a title line names, as "Đảng bộ …" (capitals kept where the line is in capitals)."""
    words = title.split()
    found = _COMMITTEE_LINE.match(fold(" ".join(words)))
    if not found:  # within a list's title: "DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ PHƯỜNG X NĂM 2026"
        return named_in_title(title, ("dang", "bo"))
    rest = words[len(found.group(0).split()):]
    head = "ĐẢNG BỘ" if title.isupper() else "Đảng bộ"
    return " ".join([head, *rest])


def one_spelling(names):
    """Names that differ only in case, diacritics or spacing ("ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG" in a register's
    title, "Đảng bộ Phường Láng Thượng" in a list) written one way: the spelling most rows use, one not all
    in capitals first. Computed on the distinct names only."""
    counts = names.value_counts().drop_nulls()
    if counts.height < 2:
        return names
    column = names.name
    ranked = counts.with_columns(name_key(pl.col(column)).alias("_key"),
                                 (pl.col(column) == pl.col(column).str.to_uppercase()).alias("_caps"))
    best = ranked.sort(["_key", "_caps", "count", column], descending=[False, False, True, False]) \
        .group_by("_key", maintain_order=True).agg(pl.col(column).first().alias("_best"))
    mapping = ranked.join(best, on="_key").filter(pl.col(column) != pl.col("_best"))
    if mapping.height == 0:
        return names
    return names.replace_strict(mapping[column], mapping["_best"], default=names)
