#!/bin/sh
# Makes the registry hive fixtures with an independent implementation of the format (hivex, Debian package libhivex-bin):
# empty-hive.py writes the smallest valid hive, `hivexsh -w` adds the keys and values. The produced *.hive files are committed;
# the tests never run this script. Run it from this folder: sh make-hives.sh
set -eu

# printf, not echo: dash's echo turns \\server into \server and \a into a bell.
say() { printf '%s\n' "$@"; }

# values.hive: every value type the module decodes, a value over 16344 bytes (hivex 1.3.23 stores it in one large cell, not
# as "db" big data, and writes only "lh" subkey lists: HiveFileTests builds the "db", "ri" and "li" shapes cell by cell),
# 100 subkeys (one "lh" list) and names that are not ASCII.
python3 empty-hive.py values.hive
{
  say 'add Values'
  say 'cd Values'
  say 'setval 8'
  say '@'; say 'string:default'
  say 'Text'; say 'string:hello world'
  say 'Expand'; say 'expandstring:%USERPROFILE%\AppData\Roaming'
  say 'Number'; say 'dword:0x12345678'
  say 'Big Number'; say 'hex:11:ef,cd,ab,89,67,45,23,01'  # hivexsh's qword: parser keeps 32 bits only
  say 'List'; say 'hex:7:61,00,00,00,62,00,63,00,00,00,00,00'
  say 'Bytes'; say 'hex:3:de,ad,be,ef'
  say 'Empty'; say 'hex:3:'
  say 'cd ..'
  say 'add Many'
  say 'cd Many'
  i=0
  while [ $i -lt 100 ]; do printf 'add Key%03d\n' $i; i=$((i + 1)); done
  say 'cd Key099'
  say 'setval 1'
  say 'Last'; say 'dword:99'
  say 'cd \ '
  say 'add Grüße'
  say 'cd Grüße'
  say 'setval 2'
  say 'Wert'; say 'string:x'
  say 'Größe'; say 'dword:7'
  say 'cd \ '
  say 'add 日本語'
  say 'cd 日本語'
  say 'setval 1'
  say '名前'; say 'string:y'
  say 'commit'
} | hivexsh -w values.hive
python3 set-large-value.py values.hive 'Values' 'Large' 20000

# ntuser.hive: the keys of a user's NTUSER.DAT that the module reads, as Windows writes them for a new profile.
python3 empty-hive.py ntuser.hive
{
  say 'add Software'; say 'cd Software'
  say 'add Microsoft'; say 'cd Microsoft'
  say 'add Windows'; say 'cd Windows'
  say 'add CurrentVersion'; say 'cd CurrentVersion'
  say 'add Explorer'; say 'cd Explorer'
  say 'add Shell Folders'
  say 'add User Shell Folders'; say 'cd User Shell Folders'
  say 'setval 4'
  say 'AppData'; say 'expandstring:%USERPROFILE%\AppData\Roaming'
  say 'Local AppData'; say 'expandstring:%USERPROFILE%\AppData\Local'
  say 'Desktop'; say 'expandstring:%USERPROFILE%\Desktop'
  say '{374DE290-123F-4565-9164-39C4925E467B}'; say 'expandstring:\\server\home$\alice\Downloads'
  say 'cd \ '
  say 'add Environment'; say 'cd Environment'
  say 'setval 2'
  say 'TEMP'; say 'expandstring:%USERPROFILE%\AppData\Local\Temp'
  say 'HOMESHARE'; say 'string:\\server\home$\alice'
  say 'commit'
} | hivexsh -w ntuser.hive
