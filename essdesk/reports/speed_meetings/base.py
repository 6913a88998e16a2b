"""What the four speed-meeting printouts share: the plan as they read it, page size, document."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_size
from reportlab.platypus import Flowable, PageBreak, Paragraph

from essdesk.domain.scheduling.model import Instance, Schedule
from essdesk.domain.scheduling.timing import RoundTiming
from essdesk.reports import theme
from essdesk.reports.speed_meetings.plan_view import PlanView


class Printout:
    """One speed-meeting PDF: a subclass says its title and file, and writes its story."""

    title: ClassVar[str]  # the header band and the PDF's metadata
    file_name: ClassVar[str]  # in the folder `write_printouts` fills
    landscape: ClassVar[bool] = False
    empty: ClassVar[str] = "Aucun recruteur inscrit."  # the page when there is nothing to print

    def __init__(
        self,
        instance: Instance,
        schedule: Schedule,
        timing: RoundTiming,
        *,
        event_title: str = "",
        agency: str = "",
    ) -> None:
        self.view = PlanView(instance, schedule, timing)
        self.event_title, self.agency = event_title, agency

    @classmethod
    def pdf(
        cls,
        instance: Instance,
        schedule: Schedule,
        timing: RoundTiming,
        path: str | Path,
        **options: Any,
    ) -> Path:
        """Write this printout of the plan at `path` (options: event_title, agency…)."""
        return cls(instance, schedule, timing, **options).write(path)

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape_size(A4) if self.landscape else A4

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def document_options(self) -> dict[str, Any]:
        """Extra `theme.build_document` arguments (frames, decorations) of an unusual layout."""
        return {}

    def write(self, path: str | Path) -> Path:
        story = self.story() or [Paragraph(self.empty, theme.style("Body"))]
        options = {"pagesize": self.pagesize, **self.document_options()}
        return theme.build_document(
            path, story, title=self.title, subtitle=self.event_title, agency=self.agency, **options
        )


def one_per_page(pages: Iterable[Flowable]) -> list[Flowable]:
    """Each flowable on a page of its own (a sheet per table, a sign per table)."""
    story: list[Flowable] = []
    for page in pages:
        if story:
            story.append(PageBreak())
        story.append(page)
    return story
