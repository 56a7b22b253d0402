"""The observations every dataset rule reads, as integer columns: one mergeable table per shard.

Each record whose rubric is known and whose ``label`` is an object becomes one row of its
rubric's :class:`RubricColumns`: the packed location, the item and annotator (codes into the
table's id vocabularies, ``-1`` when absent), the ``gold`` flag, ``duration_s`` (NaN when
absent) and one value code per profile dimension (:mod:`validate.rules.dataset.profile`;
``-1`` when absent or unusable).

Why columns: the dataset rules used to keep their own dicts and update them record by record,
which cost more than everything else the linter does per record put together. Now records are
buffered and turned into columns a batch at a time (:data:`BATCH`), with each distinct raw
value normalised once (values repeat: a Likert score is one of five numbers); the rules compute
their statistics from the columns with numpy when the run ends. Memory is a few bytes per row
and dimension plus the distinct ids and values.

Tables merge (shards of one run, in input order: each rubric's rows stay in input order, so
a merged table holds the rows of one pass; only the numbering of ids may differ, and no rule
depends on it) and pickle compactly (``--jobs``).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Hashable, Mapping
from itertools import chain, repeat
from typing import Any

import numpy as np

from validate.rules.dataset.profile import (
    CONSENSUS,
    COORDINATE_TYPES,
    Dimension,
    Profile,
    ProfileCache,
    agreement_value_boxes,
    answer_part,
    normalise_value,
)

BATCH = 256
"""Records buffered before they are turned into columns. Small enough that a batch's records
are still in the CPU cache when they are read back (1,024 made the columns ~2x slower)."""

_NAN = math.nan


class Vocab:
    """Distinct values and their int codes, in first-seen order."""

    __slots__ = ("codes", "values")

    def __init__(self) -> None:
        self.codes: dict[Hashable, int] = {}
        self.values: list[Any] = []

    def code(self, value: Hashable) -> int:
        """The code of ``value`` (a new one when first seen). ``True`` and ``1`` are different
        values here, although Python's dicts take them for the same key."""
        key = (bool, value) if value.__class__ is bool else value
        found = self.codes.get(key)
        if found is None:
            found = self.codes[key] = len(self.values)
            self.values.append(value)
        return found

    def remap(self, other: Vocab) -> np.ndarray:
        """An array mapping ``other``'s codes to this vocabulary's, with ``-1`` kept: index it
        with codes (``-1`` picks the extra last slot)."""
        codes, values = self.codes, self.values
        theirs = other.values
        mapped = []
        # other.codes holds the same normalised keys, in code order (dicts keep insertion order)
        for key, code in other.codes.items():  # self.code, inlined: one step per distinct id
            found = codes.get(key)
            if found is None:
                found = codes[key] = len(values)
                values.append(theirs[code])
            mapped.append(found)
        mapped.append(-1)
        return np.array(mapped, dtype=np.int64)

    def __getstate__(self) -> list[Any]:
        return self.values

    def __setstate__(self, values: list[Any]) -> None:
        self.values = values
        self.codes = {((bool, v) if v.__class__ is bool else v): i for i, v in enumerate(values)}

    def __len__(self) -> int:
        return len(self.values)


def _ids(vocab: Vocab, raw: list[Any]) -> list[int]:
    """Codes of string ids (anything else is ``-1``): one normalisation per distinct value."""
    try:
        distinct = dict.fromkeys(raw)
    except TypeError:  # an unhashable id (a list): not an id
        raw = [v if v.__class__ is str else None for v in raw]
        distinct = dict.fromkeys(raw)
    codes, values = vocab.codes, vocab.values
    table = {}
    for v in distinct:  # vocab.code, inlined: ids are mostly new (one call per item counts)
        if v.__class__ is str:
            code = codes.get(v)
            if code is None:
                code = codes[v] = len(values)
                values.append(v)
            table[v] = code
        else:
            table[v] = -1
    return list(map(table.__getitem__, raw))


def _duration(value: Any) -> float:
    if value.__class__ is int or value.__class__ is float:
        try:
            return float(value)
        except OverflowError:
            return _NAN
    return _NAN


class BoxColumn:
    """The boxes of one box dimension, flat: per row an offset and a count into parallel
    category-code and ``x, y, w, h`` arrays (``-1`` offset: no usable boxes). Python tuples
    per box took ~700 bytes a row and slowed every later garbage collection."""

    def __init__(self) -> None:
        self.start = array("q")
        self.count = array("q")
        self.category = array("q")
        self.xywh = array("d")
        self.categories = Vocab()

    def append(self, boxes: Any) -> None:
        """Add one row's normalised boxes (``None``: none usable)."""
        if boxes is None:
            self.start.append(-1)
            self.count.append(0)
            return
        self.start.append(len(self.category))
        self.count.append(len(boxes))
        code = self.categories.code
        for category, xywh in boxes:
            self.category.append(code(category))
            self.xywh.extend(xywh)

    def append_rows(self, raw: list[Any]) -> list[str | None] | None:
        """Add a batch of raw ``label.boxes`` values at once and return each row's category
        multiset (:func:`~validate.rules.dataset.profile.agreement_value_boxes`); ``None``
        (nothing added) unless every row is a list of well-formed boxes with string
        categories: the caller then takes the row-by-row path, whose result is the same."""
        if not all(value.__class__ is list for value in raw):
            return None
        flat = list(chain.from_iterable(raw))
        if not all(box.__class__ is dict for box in flat):
            return None
        try:
            categories = [box["category"] for box in flat]
            bboxes = [box["bbox"] for box in flat]
        except KeyError:
            return None
        if not (
            all(bbox.__class__ is list and len(bbox) == 4 for bbox in bboxes)
            and all(category.__class__ is str for category in categories)
            and COORDINATE_TYPES.issuperset(map(type, chain.from_iterable(bboxes)))
        ):
            return None
        try:
            xywh = array("d", chain.from_iterable(bboxes))
        except OverflowError:  # an integer no float holds
            return None
        offset = len(self.category)
        code = self.categories.code
        codes = {c: code(c) for c in dict.fromkeys(categories)}
        self.category.extend(map(codes.__getitem__, categories))
        self.xywh.extend(xywh)
        keys: list[str | None] = []
        position = 0  # into this batch's categories
        for value in raw:
            n = len(value)
            self.start.append(offset + position)
            self.count.append(n)
            keys.append("|".join(sorted(categories[position : position + n])))
            position += n
        return keys

    def row(self, index: int) -> tuple[tuple[Any, tuple[float, ...]], ...] | None:
        """One row's boxes as :func:`~validate.rules.dataset.profile.read_value` gives them."""
        start = self.start[index]
        if start < 0:
            return None
        names = self.categories.values
        xywh = self.xywh
        return tuple(
            (names[self.category[k]], tuple(xywh[4 * k : 4 * k + 4]))
            for k in range(start, start + self.count[index])
        )

    def extend(self, other: BoxColumn) -> None:
        """Append ``other``'s rows."""
        offset = len(self.category)
        starts = np.frombuffer(other.start, dtype=np.int64)
        self.start.extend(array("q", np.where(starts >= 0, starts + offset, -1).tobytes()))
        self.count.extend(other.count)
        remap = self.categories.remap(other.categories)
        self.category.extend(
            array("q", remap[np.frombuffer(other.category, dtype=np.int64)].tobytes())
        )
        self.xywh.extend(other.xywh)


class RubricColumns:
    """One rubric's rows (see the module doc). ``values[d]`` holds dimension ``d``'s codes
    into ``vocabs[d]``, whose entries are the normalised values."""

    __slots__ = (
        "_memo",
        "annotator",
        "boxes",
        "duration",
        "gold",
        "item",
        "values",
        "vocabs",
        "where",
    )

    def __init__(self, dimensions: int) -> None:
        self.boxes: dict[int, BoxColumn] = {}  # box dimensions: their boxes, flat
        self.where = array("q")
        self.item = array("q")
        self.annotator = array("q")
        self.gold = array("b")
        self.duration = array("d")
        self.values = [array("q") for _ in range(dimensions)]
        self.vocabs = [Vocab() for _ in range(dimensions)]
        # raw value -> code, per dimension: normalising each distinct raw value once
        self._memo: list[dict[Any, int]] = [{} for _ in range(dimensions)]

    def __len__(self) -> int:
        return len(self.where)

    def __getstate__(self) -> tuple[Any, ...]:
        return (
            self.where,
            self.item,
            self.annotator,
            self.gold,
            self.duration,
            self.values,
            self.vocabs,
            self.boxes,
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (
            self.where,
            self.item,
            self.annotator,
            self.gold,
            self.duration,
            self.values,
            self.vocabs,
            self.boxes,
        ) = state
        self._memo = [{} for _ in self.values]

    def encode(self, index: int, dim: Dimension, raw: list[Any]) -> list[int]:
        """Codes of dimension ``index``'s raw values (normalised as the profile says)."""
        vocab = self.vocabs[index]
        if dim.kind == "scalar" and bool not in set(map(type, raw)):
            memo = self._memo[index]
            try:
                distinct = dict.fromkeys(raw)
            except TypeError:  # lists (a multi-select given to a single-choice field), dicts
                distinct = None
            if distinct is not None:
                for value in distinct:
                    if value not in memo:
                        norm = normalise_value(dim, value)
                        memo[value] = -1 if norm is None else vocab.code(norm)
                return list(map(memo.__getitem__, raw))
        if dim.kind == "ranking":  # lists of ids: few distinct ones, checked once each
            keys = [tuple(v) if v.__class__ is list else v for v in raw]
            try:
                distinct = dict.fromkeys(keys)
            except TypeError:  # a ranking holding objects: not a ranking
                distinct = None
            if distinct is not None:
                table = {}
                for key in distinct:
                    norm = normalise_value(dim, list(key) if key.__class__ is tuple else key)
                    table[key] = -1 if norm is None else vocab.code(norm)
                return list(map(table.__getitem__, keys))
        if dim.kind == "boxes":  # coded by their category multiset; the boxes kept flat
            store = self.boxes.get(index)
            if store is None:
                store = self.boxes[index] = BoxColumn()
            keys = store.append_rows(raw)
            if keys is not None:
                found = {k: vocab.code(k) for k in dict.fromkeys(keys)}
                return list(map(found.__getitem__, keys))
            codes = []
            for value in raw:
                boxes = normalise_value(dim, value)
                store.append(boxes)
                codes.append(-1 if boxes is None else vocab.code(agreement_value_boxes(boxes)))
            return codes
        # sets, booleans (which dicts confuse with 0 and 1): normalise each value, then code it
        normed = [normalise_value(dim, value) for value in raw]
        if dim.kind == "scalar":
            return [-1 if v is None else vocab.code(v) for v in normed]
        table = {v: (-1 if v is None else vocab.code(v)) for v in dict.fromkeys(normed)}
        return list(map(table.__getitem__, normed))

    def extend(self, other: RubricColumns, items: np.ndarray, annotators: np.ndarray) -> None:
        """Append ``other``'s rows; ``items``/``annotators`` remap its id codes to ours."""
        self.where.extend(other.where)
        self.item.extend(array("q", items[np.frombuffer(other.item, dtype=np.int64)].tobytes()))
        self.annotator.extend(
            array("q", annotators[np.frombuffer(other.annotator, dtype=np.int64)].tobytes())
        )
        self.gold.extend(other.gold)
        self.duration.extend(other.duration)
        for d, theirs in other.boxes.items():
            mine = self.boxes.get(d)
            if mine is None:
                mine = self.boxes[d] = BoxColumn()
                mine.start.extend([-1] * (len(self.where) - len(other.where)))
                mine.count.extend([0] * (len(self.where) - len(other.where)))
            mine.extend(theirs)
        for d, (codes, vocab) in enumerate(zip(other.values, other.vocabs, strict=True)):
            remap = self.vocabs[d].remap(vocab)
            self.values[d].extend(array("q", remap[np.frombuffer(codes, dtype=np.int64)].tobytes()))

    # -- numpy arrays (what the rules compute with) -------------------------------------------
    def arrays(self, *, copy: bool = True) -> Columns:
        """The rows as numpy arrays (``copy=False``: views of the stored rows, which then
        cannot grow)."""
        return Columns(self, copy=copy)


class Columns:
    """Numpy arrays of one rubric's rows: ``where``, ``item``, ``annotator``, ``gold`` (bool),
    ``duration`` (NaN = absent) and ``values`` (one code array per dimension)."""

    __slots__ = (
        "_answers",
        "_components",
        "annotator",
        "boxes",
        "duration",
        "gold",
        "item",
        "values",
        "vocabs",
        "where",
    )

    def __init__(self, cols: RubricColumns, *, copy: bool = True) -> None:
        self._answers: tuple[np.ndarray, list[Any]] | None = None
        self._components: dict[int, tuple[np.ndarray, list[Any]]] = {}
        # Copies while the table may grow (a view pins the array's buffer: appending to it
        # would raise BufferError); views of a frozen table (ObservationTable.freeze).
        if copy:

            def take(buffer: array[Any], dtype: type) -> np.ndarray:
                return np.frombuffer(buffer, dtype=dtype).copy()

        else:

            def take(buffer: array[Any], dtype: type) -> np.ndarray:
                return np.frombuffer(buffer, dtype=dtype)

        self.where = take(cols.where, np.int64)
        self.item = take(cols.item, np.int64)
        self.annotator = take(cols.annotator, np.int64)
        self.gold = np.frombuffer(cols.gold, dtype=np.int8).astype(bool)
        self.duration = take(cols.duration, np.float64)
        self.values = [take(v, np.int64) for v in cols.values]
        self.vocabs = cols.vocabs
        self.boxes = cols.boxes

    def answers(self) -> tuple[np.ndarray, list[Any]]:
        """Each row's whole answer (:func:`~validate.rules.dataset.profile.answer_of`) as a
        code into the returned list of answers; ``-1`` where the row has no value at all.
        Computed once per table (the straight-lining and self-contradiction rules share it)."""
        if self._answers is not None:
            return self._answers
        rows = self.where.size
        if not self.values:
            self._answers = np.full(rows, -1, dtype=np.int64), []
            return self._answers
        # Each dimension's codes mapped to codes of its answer component (rankings as a>b>c,
        # boxes as their categories), so equal answers share one key.
        parts, components = [], []
        for index, codes in enumerate(self.values):
            remap, values = self.components(index)
            parts.append(np.append(remap, -1)[codes] + 1)  # 0 = no value
            components.append(values)
        distinct, inverse = np.unique(combine(*parts), return_inverse=True)
        first = np.full(distinct.size, rows, dtype=np.int64)
        np.minimum.at(first, inverse.reshape(-1), np.arange(rows))
        vocab = Vocab()
        codes = []
        for row in first.tolist():
            values = tuple(
                None if (c := int(p[row])) == 0 else comp[c - 1]
                for p, comp in zip(parts, components, strict=True)
            )
            if all(v is None for v in values):
                codes.append(-1)
            else:
                codes.append(vocab.code(values[0] if len(values) == 1 else values))
        self._answers = np.asarray(codes, dtype=np.int64)[inverse.reshape(-1)], vocab.values
        return self._answers

    def components(self, index: int) -> tuple[np.ndarray, list[Any]]:
        """Dimension ``index``'s codes mapped to answer components (rankings as ``a>b>c``,
        boxes as their category multiset, which is also what agreement compares them by):
        ``(remap, values)`` with ``values[remap[code]]`` the component. Cached."""
        found = self._components.get(index)
        if found is None:
            merged = Vocab()
            remap = np.array(
                [merged.code(answer_part(v)) for v in self.vocabs[index].values], dtype=np.int64
            )
            found = self._components[index] = (remap, merged.values)
        return found

    def row_values(self, row: int) -> tuple[Any, ...]:
        """One row's values, decoded (as :class:`~validate.rules.dataset.profile.Observation`
        has them: boxes in full)."""
        out = []
        for d, (codes, vocab) in enumerate(zip(self.values, self.vocabs, strict=True)):
            store = self.boxes.get(d)
            if store is not None:
                out.append(store.row(row))
            else:
                code = int(codes[row])
                out.append(None if code < 0 else vocab.values[code])
        return tuple(out)


class ObservationTable:
    """The dataset rules' shared, mergeable input: rows per rubric (see the module doc)."""

    def __init__(self, profiles: ProfileCache | None = None) -> None:
        self.items = Vocab()
        self.annotators = Vocab()
        self.rubrics: dict[str, RubricColumns] = {}
        self._profiles = profiles
        self._pending: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._buffered = 0
        self._views: dict[str, tuple[int, Columns]] = {}
        self._frozen = False

    @property
    def profiles(self) -> ProfileCache:
        """The run's payload profiles (from the dataset context unless given)."""
        if self._profiles is None:
            from validate.rules.dataset.gates import current_context

            self._profiles = current_context().profiles
        return self._profiles

    # -- adding -----------------------------------------------------------------------------
    def add(self, record: dict[str, Any], where: int) -> None:
        """Take one record (buffered; see :meth:`flush`)."""
        name = record.get("rubric", self.profiles.default_rubric)
        pending = self.pending(name) if name.__class__ is str else None
        if pending is not None:
            pending.append((where, record))
            self._buffered += 1
            if self._buffered >= BATCH:
                self.flush()

    def pending(self, rubric: str) -> list[tuple[int, dict[str, Any]]] | None:
        """The buffer of ``rubric``'s ``(where, record)`` pairs (``None`` for an unknown
        rubric). The lint engine appends to it directly and calls :meth:`flush` every
        :data:`BATCH` records: one list append per record on its hot path."""
        found = self._pending.get(rubric)
        if found is None:
            profile = self.profiles.get(rubric)
            if profile is None:
                return None
            found = self._pending[rubric] = []
        return found

    def flush(self) -> None:
        """Turn the buffered records into columns."""
        self._buffered = 0
        for name, rows in self._pending.items():
            if rows:
                self._views.pop(name, None)  # stale now
                profile = self.profiles.get(name)
                assert profile is not None
                self._absorb(name, profile, rows)
                rows.clear()

    def _absorb(self, name: str, profile: Profile, rows: list[tuple[int, dict[str, Any]]]) -> None:
        get = dict.get
        records = [r for _, r in rows]
        labels = list(map(get, records, repeat("label")))
        annotators = list(map(get, records, repeat("annotator_id")))
        if CONSENSUS in annotators or any(x.__class__ is not dict for x in labels):
            # a consensus label (rubricate aggregate) is not a judgement; a label that is not
            # an object has no values
            keep = [
                i
                for i, (a, x) in enumerate(zip(annotators, labels, strict=True))
                if x.__class__ is dict and a != CONSENSUS
            ]
            if not keep:
                return
            rows = [rows[i] for i in keep]
            records = [records[i] for i in keep]
            labels = [labels[i] for i in keep]
            annotators = [annotators[i] for i in keep]
        cols = self.rubrics.get(name)
        if cols is None:
            cols = self.rubrics[name] = RubricColumns(len(profile.dimensions))
        cols.where.extend([w for w, _ in rows])
        cols.item.extend(_ids(self.items, list(map(get, records, repeat("item_id")))))
        cols.annotator.extend(_ids(self.annotators, annotators))
        cols.gold.extend([g is True for g in map(get, records, repeat("gold"))])
        cols.duration.extend(list(map(_duration, map(get, records, repeat("duration_s")))))
        parents: dict[str, list[Any]] = {}  # label.scores etc., read once for its dimensions
        for index, dim in enumerate(profile.dimensions):
            path = dim.path
            if len(path) == 1:
                raw = list(map(get, labels, repeat(path[0])))
            elif len(path) == 2:
                nodes = parents.get(path[0])
                if nodes is None:
                    nodes = parents[path[0]] = list(map(get, labels, repeat(path[0])))
                key = path[1]
                raw = [n.get(key) if n.__class__ is dict else None for n in nodes]
            else:
                raw = [_walk(label, path) for label in labels]
            cols.values[index].extend(cols.encode(index, dim, raw))

    # -- merging and pickling ---------------------------------------------------------------
    def merge(self, other: ObservationTable) -> ObservationTable:
        """Append ``other``'s rows (a later shard) to this table; returns ``self``."""
        self.flush()
        other.flush()
        self._views.clear()  # stale now
        items = self.items.remap(other.items)
        annotators = self.annotators.remap(other.annotators)
        for name, theirs in other.rubrics.items():
            mine = self.rubrics.get(name)
            if mine is None:
                mine = self.rubrics[name] = RubricColumns(len(theirs.values))
            mine.extend(theirs, items, annotators)
        return self

    def __getstate__(self) -> dict[str, Any]:
        self.flush()
        return {"items": self.items, "annotators": self.annotators, "rubrics": self.rubrics}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self.__dict__.update(state)
        self._profiles = None
        self._pending = {}
        self._buffered = 0
        self._views = {}
        self._frozen = False

    # -- reading ----------------------------------------------------------------------------
    def columns(self, rubric: str) -> Columns | None:
        """The rows of ``rubric`` as numpy arrays (``None`` when it has none)."""
        self.flush()
        cols = self.rubrics.get(rubric)
        if cols is None or not len(cols):
            return None
        view = self._views.get(rubric)  # cached: the rules share derived columns (answers)
        if view is None or view[0] != len(cols):
            view = self._views[rubric] = (len(cols), cols.arrays(copy=not self._frozen))
        return view[1]

    def freeze(self) -> None:
        """For the end of a run: every rubric's columns become views of the stored rows
        instead of copies (one copy fewer of the table at its peak), built now so that
        processes forked later share them. Rows added while someone still holds such columns
        raise ``BufferError`` (a view pins its buffer): loud, never a stale read."""
        self.flush()
        self._frozen = True
        self._views.clear()
        for name in self.rubrics:
            self.columns(name)

    def rubric_ids(self) -> list[str]:
        """Rubrics with rows, sorted."""
        self.flush()
        return sorted(name for name, cols in self.rubrics.items() if len(cols))

    def item_name(self, code: int) -> str:
        """The item id of a code."""
        return self.items.values[code]

    def annotator_name(self, code: int) -> str:
        """The annotator id of a code."""
        return self.annotators.values[code]


def _walk(node: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if node.__class__ is not dict:
            return None
        node = node.get(part)
    return node


# -- group-by helpers the rules share -----------------------------------------------------------

_INT64_MAX = np.iinfo(np.int64).max


def combine(*codes: np.ndarray) -> np.ndarray:
    """One int64 key per row from several non-negative code columns (mixed radix; columns are
    compressed first when the product would overflow)."""
    key = codes[0].astype(np.int64)
    for col in codes[1:]:
        base = int(col.max()) + 1 if col.size else 1
        top = int(key.max()) + 1 if key.size else 1
        if top * base >= _INT64_MAX:
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
            top = int(key.max()) + 1 if key.size else 1
            if top * base >= _INT64_MAX:  # pragma: no cover - needs ~3e9 distinct rows
                raise OverflowError("too many distinct keys")
        key = key * base + col
    return key


def group_rows(keys: np.ndarray, where: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows grouped by ``keys``: ``(distinct keys, counts, index of each group's first row)``,
    the first row being the one with the smallest ``where``. Keys come out sorted."""
    if not keys.size:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    order = np.lexsort((where, keys))
    sk = keys[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    counts = np.diff(np.r_[starts, sk.size])
    return sk[starts], counts, order[starts]


def pair_counts(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ``(a, b)`` pairs of two code columns and how often each occurs."""
    if not a.size:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    order = np.lexsort((b, a))
    sa, sb = a[order], b[order]
    starts = np.flatnonzero(np.r_[True, (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])])
    return sa[starts], sb[starts], np.diff(np.r_[starts, sa.size])


def counters_by_annotator(
    table: ObservationTable, who: np.ndarray, codes: np.ndarray, values: list[Any]
) -> dict[str, Counter[Any]]:
    """``{annotator: Counter(value -> n)}`` from parallel annotator and value code columns."""
    out: dict[str, Counter[Any]] = {}
    for a, v, n in zip(*(x.tolist() for x in pair_counts(who, codes)), strict=True):
        name = table.annotator_name(a)
        counts = out.get(name)
        if counts is None:
            counts = out[name] = Counter()
        counts[values[v]] += n
    return out
