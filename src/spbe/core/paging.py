"""The list pages' paginator: page numbers, and a count that stops at a cap.

Counting every row a filter matches costs as much as reading them all: at 200,000 tickets the
`COUNT(*)` of a queue page with 20,000 matching rows took ~250 ms while the page's own 50 rows
took half a millisecond (an index read that stops after the page). Nobody pages through
20,000 rows, and "more than 1,000" tells the reader as much as "20,431". So the paginator counts
at most `cap + 1` rows (`SELECT COUNT(*) FROM (SELECT ... LIMIT cap + 1)`), which the database
answers by reading at most that many index entries, whatever the table's size.

Up to the cap nothing changes: the exact total, "page 3 / 12". Beyond it the page says "more
than 1,000" and shows its number without a last page; whether a next page exists is learnt by
reading one row more than the page shows, so the next link keeps working to the end of the list.
The cap is `settings.SPBE_LIST_COUNT_CAP` (default 1,000).

The API lists page by cursor (core/api/pagination.py) and count nothing at all.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

DEFAULT_CAP = 1000


def count_cap() -> int:
    return int(getattr(settings, "SPBE_LIST_COUNT_CAP", DEFAULT_CAP))


class CappedPage(Page):
    """A page whose paginator may not know the total: the next page is known from one row
    read beyond this one."""

    def __init__(self, object_list, number, paginator, more=None):
        super().__init__(object_list, number, paginator)
        self.more = more  # None when the total is known

    def has_next(self):
        if self.more is None:
            return super().has_next()
        return self.more

    def end_index(self):
        if self.more is None:
            return super().end_index()
        return self.start_index() + len(self.object_list) - 1


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, cap=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = count_cap() if cap is None else cap

    @cached_property
    def count(self):
        """The number of rows, or `cap + 1` when there are more than `cap` (see `capped`)."""
        rows = self.object_list
        if hasattr(rows, "query"):
            # No ORDER BY inside the counted subquery: any cap + 1 rows will do.
            return rows.order_by()[: self.cap + 1].count()
        return len(rows)

    @property
    def capped(self) -> bool:
        """Whether the list holds more rows than were counted."""
        return self.count > self.cap

    @property
    def cap_label(self) -> str:
        return number_format(self.cap, force_grouping=True)

    @property
    def count_label(self) -> str:
        """The total as the page states it: "1.234", or "lebih dari 1.000" beyond the cap."""
        if self.capped:
            return _("lebih dari %(cap)s") % {"cap": self.cap_label}
        return number_format(self.count, force_grouping=True)

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("Nomor halaman bukan bilangan bulat."))
        if number < 1:
            raise EmptyPage(_("Nomor halaman kurang dari 1."))
        return number

    def page(self, number):
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(_("Halaman itu tidak berisi hasil."))
        more = len(rows) > self.per_page
        return CappedPage(rows[: self.per_page], number, self, more=more)

    def get_page(self, number):
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages if not self.capped else 1
        try:
            return self.page(number)
        except EmptyPage:
            # Beyond the end of a list longer than the cap: its last counted page exists.
            return self.page(self.num_pages)

    def _get_page(self, *args, **kwargs):
        return CappedPage(*args, **kwargs)
