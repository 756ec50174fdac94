#!/usr/bin/python3
"""A minimal StatusNotifierWatcher for the end-to-end checks: a tray host that records which
items register (one line "item BUS-NAME OBJECT-PATH" each) in the file given as argument.
Needs python3-dbus and python3-gi (Debian)."""
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

IFACE = "org.kde.StatusNotifierWatcher"


class Watcher(dbus.service.Object):
    def __init__(self, bus, out):
        super().__init__(bus, "/StatusNotifierWatcher")
        self.out = out

    @dbus.service.method(IFACE, in_signature="s", out_signature="", sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service, sender=None):
        if service.startswith("/"):
            name, path = sender, service
        else:
            name, path = service, "/StatusNotifierItem"
        self.out.write(f"item {name} {path}\n")
        self.StatusNotifierItemRegistered(name + path)

    @dbus.service.method(IFACE, in_signature="s", out_signature="")
    def RegisterStatusNotifierHost(self, service):
        pass

    @dbus.service.signal(IFACE, signature="s")
    def StatusNotifierItemRegistered(self, item):
        pass


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    out = open(sys.argv[1], "a", buffering=1)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(IFACE, bus, do_not_queue=True)
    Watcher(bus, out)
    out.write("ready\n")
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
