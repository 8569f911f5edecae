"""What every route needs, built once by ``create_app``: settings, database, feed."""

from dataclasses import dataclass

from fastapi import Request

from app.policy import SlaPolicy, load_policy
from helpdesk.config import Settings
from helpdesk.db import Database
from helpdesk.feed import ChangeFeed
from helpdesk.metrics import HelpdeskMetrics
from helpdesk.stream_tokens import StreamTokens


@dataclass(frozen=True)
class Context:
    settings: Settings
    db: Database
    feed: ChangeFeed
    policy: SlaPolicy
    metrics: HelpdeskMetrics
    generation: int  # of the database: new after a restore (X-Helpdesk-Generation)
    stream_tokens: StreamTokens  # the feed streams' staff tokens, checked together


async def get_context(request: Request) -> Context:
    """Async though it awaits nothing: FastAPI runs a plain ``def`` dependency in its
    thread pool, a hand-off to a thread and back for every request."""
    context: Context = request.app.state.helpdesk
    return context


def open_context(settings: Settings, database: Database | None = None) -> Context:
    """Open (and create if missing) the database behind ``settings``; wire the feed."""
    db = database or Database(settings.db_url)
    db.create_schema(settings.ticket_first_number, settings.default_property())
    feed = ChangeFeed(settings.feed_window_seconds)
    db.after_commit.append(feed.notify)
    metrics = HelpdeskMetrics(lambda: feed.subscriber_count)
    return Context(
        settings=settings,
        db=db,
        feed=feed,
        policy=load_policy(),
        metrics=metrics,
        generation=db.generation(),
        stream_tokens=StreamTokens(db),
    )
