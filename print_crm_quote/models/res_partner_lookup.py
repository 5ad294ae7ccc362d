# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Instant customer lookup: one box finds a partner from any fragment of its record.

How a query is answered, each step a bounded query that PostgreSQL serves from an index
(the module creates them in ``init()``), run on ``self._search([])`` so that the user's
record rules and the archived filter apply:

1. names that are or start with the query: a b-tree on ``lower(name)`` walked in order;
2. every word of the query somewhere in the name, e-mail, address, reference, tax ID or phone
   digits: a trigram GIN index on one lower-cased text of those columns, and, for Chinese
   (any non-ASCII script), a GIN index on the array of the 2-character substrings of the
   name and address, because a 2-character fragment such as 王伟 has no trigram; a phone
   number typed with separators or a country code is compared by its digits;
3. document references, through the documents the user may read: orders (their reference
   and the customer's PO reference), estimates, and the modules' own (print_crm_tracking:
   job numbers), each on a trigram index (``_print_lookup_reference_sources``);
4. when that leaves room, names similar to the query (typos): a trigram GIN index on
   ``lower(name)`` and pg_trgm's word similarity.

The candidates are ranked in Python (``lookup_tier``): exact matches, then names that start
with the query, then fragments, then every word, then similar names. A contact brings its
company (the commercial partner) along: each customer's results stay together, the company
first, and customers come in the order of their best result.
"""

import re
from dataclasses import dataclass

import psycopg2

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.sql import create_index, escape_psql, index_exists

from .res_partner import PHONE_TAIL, phone_digits, same_phone

# How many partners the lookup returns by default, and at most in the search box (a page).
PRINT_LOOKUP_LIMIT = 8
PRINT_LOOKUP_MAX = 80
# Each step reads at most this many times the limit before ranking.
CANDIDATE_FACTOR = 4
# pg_trgm word similarity from which a name counts as similar to a one-word query, and to a
# query of several words: there one right word of two (0.5) must not be enough, else every
# "Matthew ..." is a candidate for "Matthew Iremere" and the index scan grows with them.
FUZZY_THRESHOLD = 0.5
FUZZY_THRESHOLD_WORDS = 0.55
# Shorter queries find nothing; fuzzy matching starts at this many characters.
MIN_QUERY = 2
MIN_FUZZY = 4

# Tiers, best first.
EXACT, PREFIX, FRAGMENT, WORDS, FUZZY = range(5)

PHONE_LIKE = re.compile(r"[\d\s+\-().\/]+")
TOKEN_SPLIT = re.compile(r"[\s,;]+")
# A run of three characters pg_trgm takes for a word gives it a trigram to look up: ASCII
# letters and digits always, other letters (Chinese...) when the database's LC_CTYPE says so.
TRIGRAM_RUN = re.compile(r"[0-9A-Za-z]{3}")
TRIGRAM_RUN_UNICODE = re.compile(r"[^\W_]{3}")
# Two adjacent characters the bigram index holds (same classes as print_crm_bigrams()).
BIGRAM_PAIR = re.compile(r"[^\x00-\x7f\u3000-\u303f\uff00-\uff20]{2}")
LOOKUP_OPERATORS = ("ilike", "like", "=ilike", "=like", "=")

# The columns of the lookup text, in the order of print_crm_lookup_text()'s arguments.
TEXT_COLUMNS = (
    "name",
    "email",
    "street",
    "street2",
    "city",
    "zip",
    "ref",
    "vat",
    "company_registry",
    "print_phone_digits",
)
BIGRAM_COLUMNS = ("name", "street", "street2", "city")
ROW_COLUMNS = ("id", "commercial_partner_id", *TEXT_COLUMNS)
FLUSH_FIELDS = (*TEXT_COLUMNS, "active", "commercial_partner_id", "company_id", "partner_share")

# SQL functions: (name, arguments and result, body). A changed body drops the indexes
# built on the old one, which are then built again. The body goes as a parameter.
FUNCTIONS = (
    (
        "print_crm_lookup_text",
        "(name text, email text, street text, street2 text, city text, zip text, ref text,"
        " vat text, registry text, digits text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE",
        " SELECT lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' '"
        " || coalesce(street, '') || ' ' || coalesce(street2, '') || ' ' || coalesce(city, '')"
        " || ' ' || coalesce(zip, '') || ' ' || coalesce(ref, '') || ' ' || coalesce(vat, '')"
        " || ' ' || coalesce(registry, '') || ' ' || coalesce(digits, '')) ",
    ),
    (
        "print_crm_bigrams",
        "(value text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE",
        # The 2-character substrings of the runs of non-ASCII letters (Chinese, Cyrillic...).
        r" SELECT ARRAY(SELECT substr(runs, i, 2) FROM regexp_replace(lower(value),"
        r" '[\x01-\x7f\u3000-\u303f\uff00-\uff20]+', ' ', 'g') AS runs,"
        r" generate_series(1, length(runs) - 1) AS i"
        r" WHERE substr(runs, i, 1) <> ' ' AND substr(runs, i + 1, 1) <> ' ') ",
    ),
    (
        "print_crm_lookup_bigrams",
        "(name text, street text, street2 text, city text) RETURNS text[]"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE",
        " SELECT print_crm_bigrams(coalesce(name, '') || ' ' || coalesce(street, '') || ' '"
        " || coalesce(street2, '') || ' ' || coalesce(city, '')) ",
    ),
    (
        # pg_trgm's word-similarity operator, which an index serves; in a function because
        # odoo.tools.SQL cannot carry a '%' in its code. PostgreSQL inlines it.
        "print_crm_fuzzy",
        "(value text, query text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE",
        " SELECT query <% value ",
    ),
)
INDEXES = (
    # (name, method, expression, the functions it depends on)
    (
        "res_partner_print_lookup_text_idx",
        "gin",
        "print_crm_lookup_text(" + ", ".join(TEXT_COLUMNS) + ") gin_trgm_ops",
        ("print_crm_lookup_text",),
    ),
    (
        "res_partner_print_lookup_bigram_idx",
        "gin",
        "print_crm_lookup_bigrams(" + ", ".join(BIGRAM_COLUMNS) + ")",
        ("print_crm_lookup_bigrams", "print_crm_bigrams"),
    ),
    ("res_partner_print_lookup_name_idx", "btree", '(lower(name) COLLATE "C")', ()),
    # The salesperson: the Estimating users' record rules on orders and estimates ask for
    # the customers whose salesperson the user is; without an index PostgreSQL plans a scan
    # of every partner, runs it when an order of another rep matches, and the plan's cost
    # alone makes it compile the query (JIT, 60-80 ms) for a lookup that reads one row.
    ("res_partner_print_salesperson_idx", "btree", "user_id", ()),
    ("res_partner_print_lookup_name_trgm_idx", "gin", "lower(name) gin_trgm_ops", ()),
)


def is_single_letter(text):
    """One Chinese (non-ASCII) letter: a whole surname (王) or word, worth looking up."""
    return len(text) == 1 and text.isalpha() and not text.isascii()


@dataclass(frozen=True)
class LookupTerms:
    """A lookup query, normalised: no Odoo in here."""

    text: str  # the query, spaces collapsed
    folded: str  # the same, case-folded
    words: tuple  # its words, as typed (SQL lower-cases them)
    tokens: tuple  # its words, case-folded
    digits: str  # the digits of a phone number, when the query is one (only digits,
    # spaces and + - ( ) . /)

    @classmethod
    def parse(cls, query):
        text = " ".join(str(query or "").split())
        if len(text) < MIN_QUERY and not is_single_letter(text):
            return None
        folded = text.casefold()
        digits = phone_digits(text) if PHONE_LIKE.fullmatch(text) else ""
        words = tuple(word for word in TOKEN_SPLIT.split(text) if word)
        return cls(
            text=text,
            folded=folded,
            words=words,
            tokens=tuple(word.casefold() for word in words),
            digits=digits if len(digits) >= 3 else "",
        )

    @property
    def phone_pattern(self):
        """Digits to look for: the last PHONE_TAIL of a long number, so that a number typed
        with a country code (+86 138 0013 8000) finds it stored without one, and back."""
        return self.digits[-PHONE_TAIL:]

    @property
    def has_letters(self):
        return any(char.isalpha() for char in self.text)

    @property
    def may_be_name(self):
        """Whether a typo of a name is worth looking for (no digits, no e-mail)."""
        return (
            len(self.folded) >= MIN_FUZZY
            and self.has_letters
            and "@" not in self.text
            and not any(char.isdigit() for char in self.text)
        )

    @property
    def may_be_reference(self):
        """Whether the query may be (part of) a document reference: one word, with a digit
        (S00042, EST/2025/00012, 00042, PO-4711, a job number)."""
        return (
            len(self.text) >= 3
            and len(self.words) == 1
            and any(char.isdigit() for char in self.text)
        )


def lookup_tier(terms, row):
    """The tier of a partner ``row`` (a dict of ROW_COLUMNS) for ``terms``, or None when it
    does not match them."""
    text = " ".join(row[column] or "" for column in TEXT_COLUMNS).casefold()
    if terms.digits:
        # A number: the same phone number, or its digits in a number, a zip, a reference.
        numbers = (row["print_phone_digits"] or "").split()
        if any(same_phone(terms.digits, number) for number in numbers):
            return EXACT
        if terms.digits in text or terms.folded in text:
            return FRAGMENT
        return None
    name = (row["name"] or "").casefold()
    if name == terms.folded or any(
        (row[column] or "").casefold() == terms.folded
        for column in ("email", "ref", "vat", "company_registry")
    ):
        return EXACT
    if name.startswith(terms.folded):
        return PREFIX
    if terms.folded in text:
        return FRAGMENT
    if all(token in text for token in terms.tokens):
        return WORDS
    return None


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_lookup = fields.Char(
        "Lookup",
        compute="_compute_print_lookup",
        search="_search_print_lookup",
        groups="base.group_user",
        help="Finds a customer from any fragment of its name, phone or mobile number (typed"
        " in any format), e-mail, address, or of the reference of one of its documents"
        " (order, customer PO, estimate, job).",
    )

    def init(self):
        res = super().init()
        self._print_lookup_check_pg_trgm()
        self._print_lookup_create_indexes()
        # Once every model of the module being loaded has its table (jobs, estimates...).
        self.pool.post_init(self._print_lookup_reference_indexes)
        return res

    def _compute_print_lookup(self):
        self.print_lookup = False

    def _search_print_lookup(self, operator, value):
        if operator not in LOOKUP_OPERATORS:
            raise UserError(
                self.env._(
                    "The customer lookup finds the partners that match a text; it cannot"
                    " search with the operator %(operator)s.",
                    operator=operator,
                )
            )
        return [("id", "in", self._print_lookup_ids(value))]

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        # The page and its count (when the page is full) need the same lookup: do it once.
        partners = self
        if (found := self._print_lookup_top_leaf(domain)) is not None:
            value = found[0][found[1]][2]
            partners = self.with_context(
                print_lookup_found=(str(value), tuple(self._print_lookup_ids(value)))
            )
        return super(ResPartner, partners).web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Lists in the default order show a lookup's partners ranked, best first."""
        ranked = None
        if order and order == self._order and (found := self._print_lookup_top_leaf(domain)):
            domain, index = found
            ranked = self._print_lookup_ids(domain[index][2])
            domain = [*domain[:index], ("id", "in", ranked), *domain[index + 1 :]]
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if ranked:
            query.order = SQL(
                "array_position(%s::int[], %s)", ranked, SQL.identifier(query.table, "id")
            )
        return query

    @api.model
    def _print_lookup_top_leaf(self, domain):
        """(normalized domain, index) of the first lookup condition of ``domain`` that
        applies to every result (ANDed at the top), or None."""
        if not domain or not any(
            isinstance(leaf, list | tuple) and leaf and leaf[0] == "print_lookup" for leaf in domain
        ):
            return None  # most partner searches: no need to look further
        domain = expression.normalize_domain(domain)
        top_level = []

        def walk(index, top):  # the domain is in prefix notation
            token = domain[index]
            if token in ("&", "|"):
                top = top and token == "&"
                return walk(walk(index + 1, top), top)
            if token == "!":
                return walk(index + 1, False)
            if top:
                top_level.append(index)
            return index + 1

        walk(0, True)
        for index in top_level:
            leaf = domain[index]
            if (
                isinstance(leaf, list | tuple)
                and len(leaf) == 3
                and leaf[0] == "print_lookup"
                and leaf[1] in LOOKUP_OPERATORS
            ):
                return domain, index
        return None

    @api.model
    def _print_lookup_ids(self, value):
        """Ids of the partners the lookup finds for ``value`` in the search box, best first
        (at most one page): once per web_search_read, which also counts them."""
        found = self.env.context.get("print_lookup_found")
        if found and found[0] == str(value):
            return list(found[1])
        return self._print_lookup(value, limit=PRINT_LOOKUP_MAX).ids

    @api.model
    def _print_lookup(self, query, limit=PRINT_LOOKUP_LIMIT):
        """The partners the user may read that match ``query``, best first (see the module
        docstring); at most ``limit``, in a bounded number of SQL queries."""
        terms = LookupTerms.parse(query)
        if not terms or limit <= 0:
            return self.browse()
        self.flush_model(FLUSH_FIELDS)
        rows = {}  # partner id: its row
        ranks = {}  # partner id: (tier, -similarity), the best of what found it

        def collect(found_rows, fallback=None):
            for row in found_rows:
                tier = lookup_tier(terms, row)
                if tier is None:
                    tier = fallback
                if tier is None:
                    continue
                rows[row["id"]] = row
                rank = (tier, -(row["similarity"] or 0.0))
                ranks[row["id"]] = min(ranks.get(row["id"], rank), rank)

        if terms.has_letters:
            collect(
                self._print_lookup_rows(terms, self._print_lookup_prefix_sql(terms), limit),
                fallback=PREFIX,
            )
        if condition := self._print_lookup_fragment_sql(terms):
            candidates = self._print_lookup_rows(
                terms, condition, limit * CANDIDATE_FACTOR, exclude=rows, ordered=False
            )
            collect(candidates, fallback=None if terms.digits else WORDS)
        references = self._print_lookup_references(terms, limit)
        if len(ranks) + len(references) < min(limit, PRINT_LOOKUP_LIMIT) and terms.may_be_name:
            collect(self._print_lookup_fuzzy_rows(terms, limit, exclude=rows), fallback=FUZZY)

        # Commercial partners rank with the best of their contacts and documents.
        via = {}
        for partner_id, rank in ranks.items():
            commercial_id = rows[partner_id]["commercial_partner_id"]
            if commercial_id and commercial_id != partner_id:
                via[commercial_id] = min(via.get(commercial_id, rank), rank)
        for commercial_id, exact in references:
            rank = (EXACT if exact else WORDS, 0.0)
            via[commercial_id] = min(via.get(commercial_id, rank), rank)
        if missing := tuple(partner_id for partner_id in via if partner_id not in rows):
            # Through the user's record rules like the rest: a hidden company stays out.
            condition = SQL("%s IN %s", SQL.identifier("res_partner", "id"), missing)
            rows.update(
                (row["id"], row)
                for row in self._print_lookup_rows(terms, condition, None, ordered=False)
            )
        for partner_id, rank in via.items():
            if partner_id in rows:
                ranks[partner_id] = min(ranks.get(partner_id, rank), rank)

        # A customer's results stay together, the commercial partner first, then its contacts;
        # customers by their best result.
        def customer(partner_id):
            return rows[partner_id]["commercial_partner_id"] or partner_id

        best = {}
        for partner_id, rank in ranks.items():
            best[customer(partner_id)] = min(best.get(customer(partner_id), rank), rank)

        def sort_key(partner_id):
            customer_id = customer(partner_id)
            customer_row = rows.get(customer_id, rows[partner_id])
            return (
                best[customer_id],
                (customer_row["name"] or "").casefold(),
                customer_id,
                partner_id != customer_id,
                ranks[partner_id],
                (rows[partner_id]["name"] or "").casefold(),
                partner_id,
            )

        return self.browse(sorted(ranks, key=sort_key)[:limit])

    # The SQL of each step, on the res_partner alias of self._search([]).

    @api.model
    def _print_lookup_text_sql(self, alias="res_partner"):
        return SQL(
            "print_crm_lookup_text(%s)",
            SQL(", ").join(SQL.identifier(alias, column) for column in TEXT_COLUMNS),
        )

    @api.model
    def _print_lookup_prefix_sql(self, terms):
        return SQL(
            '(lower(%s) COLLATE "C") LIKE lower(%s)',
            SQL.identifier("res_partner", "name"),
            escape_psql(terms.text) + "%",
        )

    @api.model
    def _print_lookup_fragment_sql(self, terms):
        """Every word somewhere in the lookup text, or the phone number's digits; None when
        no index can serve the query (only words of one or two ASCII characters)."""
        text = self._print_lookup_text_sql()
        if terms.digits:
            return SQL("%s LIKE %s", text, "%" + terms.phone_pattern + "%")
        if is_single_letter(terms.text):
            # One character has no bigram nor trigram: names holding it, as name_search finds
            # them. No index serves it; the scan stops once the candidates are read, which is
            # soon for a surname, and reads the table for a character nobody's name holds.
            return SQL(
                "strpos(lower(%s), lower(%s)) > 0",
                SQL.identifier("res_partner", "name"),
                terms.text,
            )
        trigram_run = TRIGRAM_RUN_UNICODE if self._print_lookup_unicode_trigrams() else TRIGRAM_RUN
        conditions, indexed = [], False
        for token in terms.words:
            if trigram_run.search(token):
                # A word pg_trgm has trigrams for: the trigram index.
                indexed = True
                conditions.append(SQL("%s LIKE lower(%s)", text, f"%{escape_psql(token)}%"))
                continue
            if BIGRAM_PAIR.search(token):
                # Two Chinese characters (王伟), or more where pg_trgm sees no words: the
                # index of 2-character substrings, strpos() for the exact text.
                indexed = True
                conditions.append(
                    SQL(
                        "print_crm_lookup_bigrams(%s) @> print_crm_bigrams(%s)",
                        SQL(", ").join(
                            SQL.identifier("res_partner", column) for column in BIGRAM_COLUMNS
                        ),
                        token,
                    )
                )
            # strpos() is no index operator: the planner filters with it, never scans.
            conditions.append(SQL("strpos(%s, lower(%s)) > 0", text, token))
        return SQL(" AND ").join(conditions) if indexed else None

    @api.model
    @tools.ormcache()
    def _print_lookup_unicode_trigrams(self):
        """Whether pg_trgm takes Chinese (non-ASCII) letters for word characters: it does
        when the database's LC_CTYPE is a UTF-8 locale, not when it is C."""
        self.env.cr.execute(SQL("SELECT cardinality(show_trgm('王伟明')) > 0"))
        return self.env.cr.fetchone()[0]

    @api.model
    def _print_lookup_rows(self, terms, condition, limit, exclude=(), ordered=True):
        """Rows of ROW_COLUMNS (and the similarity of the name) of the partners the user may
        read that satisfy ``condition``; in name order unless not ``ordered``."""
        query = self._search([])
        name = SQL.identifier(query.table, "name")
        query.add_where(condition)
        if exclude:
            query.add_where(SQL("%s <> ALL(%s)", SQL.identifier(query.table, "id"), list(exclude)))
        if ordered and limit:
            query.order = SQL('lower(%s) COLLATE "C"', name)
        query.limit = limit
        return self._print_lookup_fetch(query, terms, name)

    @api.model
    def _print_lookup_fetch(self, query, terms, name):
        """The ROW_COLUMNS of ``query``'s partners, with the name's similarity to the query."""
        return self.env.execute_query_dict(
            query.select(
                *(
                    SQL("%s AS %s", SQL.identifier(query.table, column), SQL.identifier(column))
                    for column in ROW_COLUMNS
                ),
                SQL("word_similarity(lower(%s), lower(%s)) AS similarity", terms.text, name),
            )
        )

    @api.model
    def _print_lookup_fuzzy_rows(self, terms, limit, exclude=()):
        """The partners whose name is most similar to the query (a typo), best first."""
        self.env.cr.execute(
            SQL(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                str(FUZZY_THRESHOLD if len(terms.words) == 1 else FUZZY_THRESHOLD_WORDS),
            )
        )
        query = self._search([])
        name = SQL.identifier(query.table, "name")
        query.add_where(SQL("print_crm_fuzzy(lower(%s), lower(%s))", name, terms.text))
        if exclude:
            query.add_where(SQL("%s <> ALL(%s)", SQL.identifier(query.table, "id"), list(exclude)))
        query.order = SQL("word_similarity(lower(%s), lower(%s)) DESC", terms.text, name)
        query.limit = limit
        return self._print_lookup_fetch(query, terms, name)

    @api.model
    def _print_lookup_reference_sources(self):
        """{model name: reference fields}: the documents whose references find their
        customer. Each field needs a trigram index (``index="trigram"``) so that a fragment
        stays an index lookup; modules add their documents (print_crm_tracking its jobs)."""
        return {"sale.order": ("name", "client_order_ref"), "print.estimate": ("name",)}

    @api.model
    def _print_lookup_references(self, terms, limit):
        """(commercial partner id, exact) of the documents the user may read (orders, by
        their reference or the customer's PO reference, estimates, jobs...) whose reference
        is the query or contains it; one query for all.

        A whole reference typed (S00042, JOB/2026/00042, a PO number) is found on the
        b-tree of each reference's lower case (``_print_lookup_reference_indexes``), and
        then the fragments are not looked for: a reference's trigrams such as "job" or
        "202" are in every document, which makes the trigram index read long lists."""
        if not terms.may_be_reference:
            return []
        exact_selects, fragment_selects = [], []
        for model_name, field_names in self._print_lookup_reference_sources().items():
            Model = self.env[model_name]
            if not Model.has_access("read"):
                continue
            Model.flush_model([*field_names, "partner_id"])
            table = Model._table
            # Through the user's record rules: _search([]) carries them.
            exact_query = Model._search([], limit=limit * CANDIDATE_FACTOR)
            exact_query.add_where(
                SQL(" OR ").join(
                    SQL("lower(%s) = lower(%s)", SQL.identifier(table, name), terms.text)
                    for name in field_names
                )
            )
            exact_selects.append(
                SQL(
                    "SELECT doc.partner_id FROM %s doc WHERE doc.id IN %s",
                    SQL.identifier(table),
                    exact_query.subselect(),
                )
            )
            domain = expression.OR([[(name, "ilike", terms.text)] for name in field_names])
            query = Model._search(domain, limit=limit * CANDIDATE_FACTOR)
            fragment_selects.append(
                SQL(
                    "SELECT doc.partner_id, false AS exact FROM %s doc WHERE doc.id IN %s",
                    SQL.identifier(table),
                    query.subselect(),
                )
            )
        if not exact_selects:
            return []
        self.flush_model(["commercial_partner_id"])
        # The fragments only when no reference is the query (a one-time filter: PostgreSQL
        # does not run their scans otherwise).
        return self.env.execute_query(
            SQL(
                "WITH exact AS MATERIALIZED (%s)"
                " SELECT partner.commercial_partner_id, bool_or(doc.exact)"
                " FROM (SELECT partner_id, true AS exact FROM exact"
                " UNION ALL SELECT * FROM (%s) fragment WHERE NOT EXISTS (SELECT FROM exact)) doc"
                " JOIN res_partner partner ON partner.id = doc.partner_id GROUP BY 1",
                SQL(" UNION ALL ").join(exact_selects),
                SQL(" UNION ALL ").join(fragment_selects),
            )
        )

    @api.model
    def _print_lookup_reference_indexes(self):
        """Create the b-tree on the lower case of each reference field that finds a
        customer (``_print_lookup_reference_sources``), when it does not exist yet."""
        cr = self.env.cr
        for model_name, field_names in self._print_lookup_reference_sources().items():
            table = self.env[model_name]._table
            for name in field_names:
                index_name = f"{table}_{name}_print_lookup_lower_idx"
                if not index_exists(cr, index_name):
                    create_index(cr, index_name, table, [f"lower({name})"])

    # Database objects

    def _print_lookup_check_pg_trgm(self):
        cr = self.env.cr
        cr.execute(SQL("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        if cr.fetchone():
            return
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except psycopg2.Error as error:
            raise UserError(
                self.env._(
                    "The customer lookup needs the PostgreSQL extension pg_trgm, which the"
                    " database user may not create here (%(error)s). Ask the database"
                    ' administrator to run "CREATE EXTENSION pg_trgm;" in the database'
                    " %(database)s, then install or update the module again.",
                    error=str(error).strip(),
                    database=cr.dbname,
                )
            ) from error
        # Odoo's own trigram indexes (e.g. the estimate reference) can be made now too.
        self.env.registry.has_trigram = True

    def _print_lookup_create_indexes(self):
        """Create the lookup's SQL functions and indexes that do not exist yet."""
        cr = self.env.cr
        for name, signature, body in FUNCTIONS:
            cr.execute(SQL("SELECT prosrc FROM pg_proc WHERE proname = %s", name))
            row = cr.fetchone()
            if row and row[0] != body:
                for index_name, _method, _expression, depends in INDEXES:
                    if name in depends:
                        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index_name)))
            if not row or row[0] != body:
                cr.execute(
                    SQL(
                        "CREATE OR REPLACE FUNCTION %s%s AS %s",
                        SQL.identifier(name),
                        SQL(signature),
                        body,
                    )
                )
        for index_name, method, index_expression, _depends in INDEXES:
            if not index_exists(cr, index_name):
                create_index(cr, index_name, self._table, [index_expression], method=method)
