"""A stand-in ``org.freedesktop.ScreenSaver`` on a test's private session bus
(tests/ui/test_kiosk_awake.py): ``Inhibit`` answers a new cookie, ``UnInhibit`` takes
one back, and every call is written as a line to the log file, so the test reads what
reached the bus. Prints "ready" once it owns the name.

    python -m tests.ui.fake_screensaver BUS_ADDRESS LOG_FILE
"""

from __future__ import annotations

import sys

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.ScreenSaver"
DO_NOT_QUEUE, PRIMARY_OWNER = 4, 1
INTROSPECTION = f"""<node>
  <interface name="{NAME}">
    <method name="Inhibit">
      <arg name="application_name" type="s" direction="in"/>
      <arg name="reason_for_inhibit" type="s" direction="in"/>
      <arg name="cookie" type="u" direction="out"/>
    </method>
    <method name="UnInhibit"><arg name="cookie" type="u" direction="in"/></method>
  </interface>
  <interface name="org.freedesktop.DBus.Introspectable">
    <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
  </interface>
</node>
"""


def serve(address: str, log_path: str) -> None:
    connection = open_dbus_connection(bus=address)
    owned = connection.send_and_get_reply(message_bus.RequestName(NAME, DO_NOT_QUEUE))
    if owned.body[0] != PRIMARY_OWNER:
        raise SystemExit(f"could not own {NAME}")
    print("ready", flush=True)
    cookie = 1000
    with open(log_path, "a", encoding="utf-8") as log:
        while True:
            message = connection.receive()
            if message.header.message_type is not MessageType.method_call:
                continue
            member = message.header.fields.get(HeaderFields.member)
            if member == "Inhibit":
                cookie += 1
                application, reason = message.body
                log.write(f"Inhibit\t{application}\t{reason}\t{cookie}\n")
                connection.send(new_method_return(message, "u", (cookie,)))
            elif member == "UnInhibit":
                log.write(f"UnInhibit\t{message.body[0]}\n")
                connection.send(new_method_return(message))
            elif member == "Introspect":
                connection.send(new_method_return(message, "s", (INTROSPECTION,)))
            else:
                error = "org.freedesktop.DBus.Error.UnknownMethod"
                connection.send(new_error(message, error, "s", (f"no {member}",)))
            log.flush()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
