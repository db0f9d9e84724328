"""Renaming a record's slug leaves a redirect behind, so old links keep working."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Author, Guide, SlugRedirect, Work


@receiver(pre_save, sender=Author)
@receiver(pre_save, sender=Work)
@receiver(pre_save, sender=Guide)
def remember_old_slug(
    sender: type[Author | Work | Guide], instance: Author | Work | Guide, **kwargs: Any
) -> None:
    if instance.pk is None or kwargs.get("raw"):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old is None or old == instance.slug:
        return
    kind = sender.__name__.lower()
    SlugRedirect.objects.filter(kind=kind, new_slug=old).update(new_slug=instance.slug)
    SlugRedirect.objects.filter(kind=kind, old_slug=instance.slug).delete()
    SlugRedirect.objects.update_or_create(
        kind=kind, old_slug=old, defaults={"new_slug": instance.slug}
    )
