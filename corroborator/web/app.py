"""The ASGI app: routes, middleware, and one worker thread that owns the story store."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from corroborator.model import Document, Report
from corroborator.settings import Settings
from corroborator.web import api, pages
from corroborator.web.security import BodySizeLimit, HostCheck, SecurityHeaders

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
T = TypeVar("T")


class StoryStore(Protocol):
    """What the app needs from corroborator.store.Store."""

    def list_stories(self) -> list[dict[str, Any]]: ...
    def story_report(self, story_id: str) -> Report | None: ...
    def add_documents(self, docs: list[Document], settings: Settings) -> list[str]: ...
    def close(self) -> None: ...


class StoreRunner:
    """Runs every store call on one thread: SQLite connections stay on the thread that made them."""

    def __init__(self, factory: Callable[[], StoryStore]) -> None:
        self._factory = factory
        self._store: StoryStore | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corroborator-store")

    def _get(self) -> StoryStore:
        if self._store is None:
            self._store = self._factory()
        return self._store

    async def call(self, fn: Callable[[StoryStore], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, lambda: fn(self._get()))

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._pool, self._close)
        self._pool.shutdown(wait=True)


def create_app(store_factory: Callable[[], StoryStore], *,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
               allowed_hosts: list[str] | None = None,
               settings: Settings | None = None) -> Starlette:
    """The web app over a store made (lazily, on its own thread) by ``store_factory``."""
    runner = StoreRunner(store_factory)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await runner.close()

    routes = [
        Route("/", pages.story_list),
        Route("/stories/{story_id}", pages.story_page),
        Route("/stories/{story_id}/brief.html", pages.story_brief),
        Route("/stories/{story_id}/claims/{claim_id}", pages.claim_page),
        Route("/stories/{story_id}/documents/{doc_id}", pages.document_page),
        Route("/upload", pages.upload_form, methods=["GET"]),
        Route("/upload", pages.upload_post, methods=["POST"]),
        Route("/api/stories", api.stories),
        Route("/api/stories/{story_id}", api.story),
        Route("/api/stories/{story_id}/claims/{claim_id}", api.claim),
        Route("/api/articles", api.add_articles, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("corroborator.web", "static")]), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(HostCheck, allowed_hosts=allowed_hosts or LOCAL_HOSTS),
        Middleware(BodySizeLimit, limit=max_upload_bytes),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers=pages.EXCEPTION_HANDLERS)
    app.state.runner = runner
    app.state.max_upload_bytes = max_upload_bytes
    app.state.settings = settings or Settings(progress=False)
    return app
