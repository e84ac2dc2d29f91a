#!/usr/bin/env python3
"""Sets one REG_BINARY value of LENGTH bytes (byte i is i % 251) on KEY (backslash path from the root) through libhivex itself:
hivexsh refuses input lines longer than a few KB ("trailing garbage after hex string"), too short for a value over 16344
bytes, the size above which Windows stores data as "db" big data. Usage: set-large-value.py HIVE KEY NAME LENGTH
"""
import ctypes
import sys


class SetValue(ctypes.Structure):
    _fields_ = [('key', ctypes.c_char_p), ('t', ctypes.c_int), ('len', ctypes.c_size_t), ('value', ctypes.c_char_p)]


def main(path, key, name, length):
    hivex = ctypes.CDLL('libhivex.so.0', use_errno=True)
    hivex.hivex_open.restype = ctypes.c_void_p
    hivex.hivex_open.argtypes = [ctypes.c_char_p, ctypes.c_int]
    hivex.hivex_root.restype = ctypes.c_size_t
    hivex.hivex_root.argtypes = [ctypes.c_void_p]
    hivex.hivex_node_get_child.restype = ctypes.c_size_t
    hivex.hivex_node_get_child.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]
    hivex.hivex_node_set_value.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(SetValue), ctypes.c_int]
    hivex.hivex_commit.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    hivex.hivex_close.argtypes = [ctypes.c_void_p]

    handle = hivex.hivex_open(path.encode(), 4)  # HIVEX_OPEN_WRITE
    if not handle:
        sys.exit('hivex_open failed: errno %d' % ctypes.get_errno())
    node = hivex.hivex_root(handle)
    for part in filter(None, key.split('\\')):
        node = hivex.hivex_node_get_child(handle, node, part.encode())
        if not node:
            sys.exit('no key ' + part)
    data = bytes(i % 251 for i in range(length))
    value = SetValue(name.encode(), 3, len(data), data)
    if hivex.hivex_node_set_value(handle, node, ctypes.byref(value), 0) != 0:
        sys.exit('hivex_node_set_value failed: errno %d' % ctypes.get_errno())
    if hivex.hivex_commit(handle, None, 0) != 0:
        sys.exit('hivex_commit failed: errno %d' % ctypes.get_errno())
    hivex.hivex_close(handle)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
