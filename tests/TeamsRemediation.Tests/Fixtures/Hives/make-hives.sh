#!/bin/sh
# Makes the registry hive fixtures with an independent implementation of the format (hivex, Debian package libhivex-bin):
# empty-hive.py writes the smallest valid hive, `hivexsh -w` adds the keys and values. The produced *.hive files are committed;
# the tests never run this script. Run it from this folder: sh make-hives.sh
set -eu

# values.hive: every value type the module decodes, a value over 16344 bytes (hivex stores it as "db" big data),
# 100 subkeys (one "lh" list) and names that are not ASCII.
python3 empty-hive.py values.hive
{
  echo 'add Values'
  echo 'cd Values'
  echo 'setval 8'
  echo '@'; echo 'string:default'
  echo 'Text'; echo 'string:hello world'
  echo 'Expand'; echo 'expandstring:%USERPROFILE%\AppData\Roaming'
  echo 'Number'; echo 'dword:0x12345678'
  echo 'Big Number'; echo 'hex:11:ef,cd,ab,89,67,45,23,01'  # hivexsh's qword: parser keeps 32 bits only
  echo 'List'; echo 'hex:7:61,00,00,00,62,00,63,00,00,00,00,00'
  echo 'Bytes'; echo 'hex:3:de,ad,be,ef'
  echo 'Empty'; echo 'hex:3:'
  echo 'cd ..'
  echo 'add Many'
  echo 'cd Many'
  i=0
  while [ $i -lt 100 ]; do printf 'add Key%03d\n' $i; i=$((i + 1)); done
  echo 'cd Key099'
  echo 'setval 1'
  echo 'Last'; echo 'dword:99'
  echo 'cd \ '
  echo 'add Grüße'
  echo 'cd Grüße'
  echo 'setval 1'
  echo 'Wert'; echo 'string:x'
  echo 'cd \ '
  echo 'add 日本語'
  echo 'commit'
} | hivexsh -w values.hive
python3 set-large-value.py values.hive 'Values' 'Large' 20000

# ntuser.hive: the keys of a user's NTUSER.DAT that the module reads, as Windows writes them for a new profile.
python3 empty-hive.py ntuser.hive
{
  echo 'add Software'; echo 'cd Software'
  echo 'add Microsoft'; echo 'cd Microsoft'
  echo 'add Windows'; echo 'cd Windows'
  echo 'add CurrentVersion'; echo 'cd CurrentVersion'
  echo 'add Explorer'; echo 'cd Explorer'
  echo 'add Shell Folders'
  echo 'add User Shell Folders'; echo 'cd User Shell Folders'
  echo 'setval 4'
  echo 'AppData'; echo 'expandstring:%USERPROFILE%\AppData\Roaming'
  echo 'Local AppData'; echo 'expandstring:%USERPROFILE%\AppData\Local'
  echo 'Desktop'; echo 'expandstring:%USERPROFILE%\Desktop'
  echo '{374DE290-123F-4565-9164-39C4925E467B}'; echo 'expandstring:\\server\home$\alice\Downloads'
  echo 'cd \ '
  echo 'add Environment'; echo 'cd Environment'
  echo 'setval 2'
  echo 'TEMP'; echo 'expandstring:%USERPROFILE%\AppData\Local\Temp'
  echo 'HOMESHARE'; echo 'string:\\server\home$\alice'
  echo 'commit'
} | hivexsh -w ntuser.hive
