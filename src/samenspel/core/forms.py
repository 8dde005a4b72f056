"""Forms in the look of the NL Design System (Utrecht component classes), rendered by
core/forms/field.html: label, description, the error next to the field, then the control."""

from __future__ import annotations

from django import forms

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (
        forms.CheckboxInput,
        "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
        "utrecht-checkbox--invalid",
    ),
    (forms.Select, "utrecht-select utrecht-select--html-select", "utrecht-select--invalid"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea", "utrecht-textarea--invalid"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input", "utrecht-textbox--invalid"),
]


# Radio buttons and checkbox lists: each option as an Utrecht form field (control, then its
# label), the classes set in the option template.
CHOICE_LIST_TEMPLATE = "core/forms/widgets/choice_list.html"
CHOICE_OPTION_TEMPLATE = "core/forms/widgets/choice_option.html"


def _classes_for(widget: forms.Widget) -> tuple[str, str]:
    if isinstance(widget, forms.RadioSelect):  # also CheckboxSelectMultiple
        return "", ""
    for widget_type, classes, invalid in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return classes, invalid
    return "", ""


class UtrechtFormMixin:
    """Gives every widget its Utrecht class, and the invalid modifier once the field has an
    error. Django itself adds aria-invalid and aria-describedby (help text and error)."""

    template_name = "core/forms/form.html"  # {{ form }}
    field_template_name = "core/forms/field.html"  # {{ form.field.as_field_group }}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            self._style(field)

    def __getitem__(self, name: str):
        # Fields a subclass adds after __init__ (one per category, say) get the same look.
        if name in self.fields:
            self._style(self.fields[name])
        return super().__getitem__(name)

    def _style(self, field: forms.Field) -> None:
        """Idempotent: the field template, the choice templates and the widget's classes."""
        if field.template_name is None:
            field.template_name = self.field_template_name
        if isinstance(field.widget, forms.RadioSelect):
            field.widget.template_name = CHOICE_LIST_TEMPLATE
            field.widget.option_template_name = CHOICE_OPTION_TEMPLATE
        classes, _invalid = _classes_for(field.widget)
        existing = field.widget.attrs.get("class", "")
        if classes and classes not in existing:
            field.widget.attrs["class"] = f"{existing} {classes}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_invalid()

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        for name in getattr(self, "_errors", None) or {}:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            _classes, invalid = _classes_for(widget)
            if invalid and invalid not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {invalid}".strip()


class UtrechtForm(UtrechtFormMixin, forms.Form):
    pass


def apply_service_errors(form: forms.Form, error) -> None:
    """Put a ValidationError raised by a service next to the fields it names; errors about
    fields the form does not have go to the top of the form."""
    from django.core.exceptions import NON_FIELD_ERRORS

    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for item in errors:
                form.add_error(target if target != NON_FIELD_ERRORS else None, item)
    else:
        form.add_error(None, error)
