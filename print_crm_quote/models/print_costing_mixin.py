# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import ValidationError


class PrintCostingMixin(models.AbstractModel):
    """Checks shared by the production master data (presses, substrates, operations)."""

    _name = "print.costing.mixin"
    _description = "Printing Master Data Checks"

    def _check_not_negative(self, names):
        """Refuse a negative figure, naming the record and the field."""
        for record in self:
            for name in names:
                if record[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(record)s: %(field)s must not be negative (it is %(value)s).",
                            record=record.display_name,
                            field=record._fields[name]._description_string(self.env),
                            value=record[name],
                        )
                    )
