#!/usr/bin/env python3
"""Adds a connection and its inbound endpoint (key, user, PBKDF2 hash in ASP.NET Core Identity's v3 format) to a
migrated portal database, as the portal's own 'Generate new password' would: a SQLite file, or with --postgres a
PostgreSQL database (through psql; PGHOST, PGUSER, PGPASSWORD ... in the environment)."""
import base64, hashlib, os, sqlite3, struct, subprocess, sys, datetime

postgres = sys.argv[1] == "--postgres"
db, key, user, password = sys.argv[2:6] if postgres else sys.argv[1:5]
salt = os.urandom(16)
subkey = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100_000, 32)
# 0x01 = v3; PRF 2 = HMACSHA512; iterations; salt length; salt; subkey (all big-endian)
hashed = base64.b64encode(b"\x01" + struct.pack(">III", 2, 100_000, 16) + salt + subkey).decode()
now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")

if postgres:
    # key, user and hash are [A-Za-z0-9+/=._-] only: safe inside quotes.
    sql = f"""
        WITH c AS (
          INSERT INTO "Connections" ("Name", "NormalizedName", "InstanceUrl", "TimeZone", "Environment", "AuthMode", "Tables",
             "OutboundRateLimitPeriod", "Status", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy")
          VALUES ('Bench', 'BENCH', 'https://bench.service-now.com/', 'UTC', 'Test', 'Basic', 'incident', 'Hour', 'Active',
             now(), 'bench', now(), 'bench')
          RETURNING "Id")
        INSERT INTO "InboundEndpoints" ("ConnectionId", "ConnectionKey", "UserName", "PasswordHash", "PasswordSetAt", "PasswordSetBy", "CreatedAt")
        SELECT "Id", '{key}', '{user}', '{hashed}', now(), 'bench', now() FROM c RETURNING "ConnectionId";
        """
    print(subprocess.run(["psql", "-d", db, "-qtAX", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[0])
    sys.exit(0)

con = sqlite3.connect(db, timeout=10)
cur = con.execute(
    """INSERT INTO Connections (Name, NormalizedName, InstanceUrl, TimeZone, Environment, AuthMode, Tables,
       OutboundRateLimitPeriod, Status, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy)
       VALUES ('Bench', 'BENCH', 'https://bench.service-now.com/', 'UTC', 'Test', 'Basic', 'incident', 'Hour', 'Active', ?, 'bench', ?, 'bench')""",
    (now, now))
con.execute(
    """INSERT INTO InboundEndpoints (ConnectionId, ConnectionKey, UserName, PasswordHash, PasswordSetAt, PasswordSetBy, CreatedAt)
       VALUES (?, ?, ?, ?, ?, 'bench', ?)""", (cur.lastrowid, key, user, hashed, now, now))
con.commit()
print(cur.lastrowid)
