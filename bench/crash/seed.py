#!/usr/bin/env python3
"""Prints SQL adding a connection and its inbound endpoint (key, user, PBKDF2 hash in ASP.NET Core Identity's v3
format) to a migrated portal database, as the portal's own 'Generate new password' would.
Usage: seed.py sqlite|postgres KEY USER PASSWORD | <sqlite3 or psql>"""
import base64, datetime, hashlib, os, struct, sys

dialect, key, user, password = sys.argv[1:5]
salt = os.urandom(16)
subkey = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100_000, 32)
# 0x01 = v3; PRF 2 = HMACSHA512; iterations; salt length; salt; subkey (all big-endian)
hashed = base64.b64encode(b"\x01" + struct.pack(">III", 2, 100_000, 16) + salt + subkey).decode()
now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S") + ("+00" if dialect == "postgres" else "")
name = "Bench " + key
print(f"""INSERT INTO "Connections" ("Name", "NormalizedName", "InstanceUrl", "TimeZone", "Environment", "AuthMode", "Tables",
  "OutboundRateLimitPeriod", "Status", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy")
  VALUES ('{name}', '{name.upper()}', 'https://bench.service-now.com/', 'UTC', 'Test', 'Basic', 'incident', 'Hour', 'Active',
  '{now}', 'bench', '{now}', 'bench');
INSERT INTO "InboundEndpoints" ("ConnectionId", "ConnectionKey", "UserName", "PasswordHash", "PasswordSetAt", "PasswordSetBy", "CreatedAt")
  VALUES ((SELECT MAX("Id") FROM "Connections"), '{key}', '{user}', '{hashed}', '{now}', 'bench', '{now}');""")
