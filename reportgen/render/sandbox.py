"""The Jinja environment templates run in: sandboxed, and bounded in time and size.

A consultant's template is code. Jinja's sandbox keeps it from Python's internals; on
top of that, here:
- no value a template makes is larger than MAX_VALUE characters or items: `'x' * 10**9`,
  `'x'|center(10**9)` or `' '.ljust(10**9)` stop with a message instead of taking
  gigabytes (`*` and `**` are intercepted, which also stops Jinja from folding them
  into a constant while compiling);
- a template runs for at most TEMPLATE_SECONDS: two nested loops of range(100000) end
  with a message rather than never (the watchdog raises into the rendering thread);
- a template names no other template (`extends`, `include`, `import`): there is none
  to load, and saying so beats "no loader for this environment".
Compiled templates are remembered: docxtpl hands Jinja the same XML of each template
part on every render, and compiling it once saves ~10 ms a document.
"""

from __future__ import annotations

import ctypes
import functools
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from reportgen.messages import Phrase

MAX_VALUE = 20_000_000  # characters or items: 100 times the longest book's narratives
MAX_EXPONENT = 10_000  # 2**10000 has 3,011 digits; 10**10**10 would never finish
TEMPLATE_SECONDS = 60.0  # a report book takes ~0.05 s; 5,000 table rows ~3 s


# Internal signals, not errors.py's: raised inside a template's run and turned by
# render/docx.py into a RenderError that names the template, which only it knows.
class TemplateLimit(Exception):
    """A value or a power beyond what a document can hold; `what`, as a message."""

    def __init__(self, what: Phrase) -> None:
        super().__init__(what.key)
        self.what = what


class TemplateTimeout(Exception):
    """Raised into the rendering thread when a template runs past its time."""


def from_template(exc: BaseException) -> bool:
    """Whether `exc` was raised by a template's own code (Jinja names its frames
    <template>): the template's error to report, not a bug of reportgen."""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            return True
        tb = tb.tb_next
    return False


@lru_cache(maxsize=1)
def environment() -> Any:
    """One sandboxed environment per process (see the module's docstring)."""
    from jinja2 import DictLoader, StrictUndefined, Template
    from jinja2.sandbox import SandboxedEnvironment

    compiled: dict[str, Template] = {}

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            sequence = isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple)
            if operator == "*" and sequence:
                count = right if isinstance(right, int) else left
                length = len(left) if isinstance(right, int) else len(right)
                if isinstance(count, int) and count * length > MAX_VALUE:
                    raise TemplateLimit(Phrase("template_limit.value", size=count * length))
            if operator == "**" and isinstance(right, int) and right > MAX_EXPONENT:
                raise TemplateLimit(Phrase("template_limit.power", exponent=right))
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            if getattr(__obj, "__name__", "") in _WIDTH_METHODS:  # 'x'.ljust(10**9)
                _check_sizes((*args, *kwargs.values()))
            return _bounded(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value: Any) -> Any:
            owner = getattr(value, "__self__", None)  # '{:>1000000000}'.format(1)
            huge = _HUGE_WIDTH.search(owner) if isinstance(owner, str) else None
            if huge is not None:
                raise TemplateLimit(Phrase("template_limit.format_width", width=huge[1]))
            return super().wrap_str_format(value)

        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals or template_class or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            return remember(compiled, source, lambda: super(Sandbox, self).from_string(source))

    sandbox = Sandbox(autoescape=True, undefined=StrictUndefined, loader=DictLoader({}))
    sandbox.filters = {name: _bounded_filter(f) for name, f in sandbox.filters.items()}
    return sandbox


_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}
_HUGE_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d{8,})")


def _bounded(value: Any) -> Any:
    """`value`, if no larger than MAX_VALUE characters or items."""
    if isinstance(value, str | bytes | list | tuple) and len(value) > MAX_VALUE:
        raise TemplateLimit(Phrase("template_limit.value", size=len(value)))
    return value


def _check_sizes(arguments: tuple[Any, ...]) -> None:
    """A width or a count beyond MAX_VALUE, refused before the call makes it."""
    for argument in arguments:
        number = isinstance(argument, int) and not isinstance(argument, bool)
        if number and abs(argument) > MAX_VALUE:
            raise TemplateLimit(Phrase("template_limit.width", size=argument))


T = TypeVar("T")


def remember(cache: dict[str, T], key: str, make: Callable[[], T]) -> T:
    """`cache[key]`, made if missing; the cache is emptied past 64 entries (a handful of
    templates, a few parts each: more means templates are being edited and re-read)."""
    found = cache.get(key)
    if found is None:
        if len(cache) > 64:
            cache.clear()
        found = cache[key] = make()
    return found


def _bounded_filter(filter_: Callable[..., Any]) -> Any:
    """The filter, refusing widths and counts beyond MAX_VALUE (`'x'|center(10**9)`)
    before it runs, and values beyond it after. Its own value may be any number."""
    skip = 2 if hasattr(filter_, "jinja_pass_arg") else 1  # the context, then the value

    @functools.wraps(filter_)  # keeps jinja_pass_arg: the context or environment it takes
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_sizes((*args[skip:], *kwargs.values()))
        return _bounded(filter_(*args, **kwargs))

    return checked


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Raise TemplateTimeout in this thread if the block runs past `seconds` (default
    TEMPLATE_SECONDS). Python code (a template's loops) is interrupted; a single call
    in C finishes first."""
    seconds = TEMPLATE_SECONDS if seconds is None else seconds
    thread = ctypes.c_ulong(threading.get_ident())
    fired = threading.Event()

    def fire() -> None:
        fired.set()
        ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(TemplateTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        if fired.is_set():  # fired as the block ended: take back what was not raised yet
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)
