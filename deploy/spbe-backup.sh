#!/bin/sh
# spbe-backup.sh: cadangan harian platform SPBE (dipanggil spbe-backup.service/.timer).
#
# Menjalankan `spbe backup`: satu folder $SPBE_BACKUP_DIR/spbe-backup-<waktu UTC>/ berisi
#   1. database.dump: pg_dump -Fc basis data (dalam snapshot yang sama dengan jumlah baris di manifest);
#   2. media/: berkas unggahan dari SPBE_MEDIA_ROOT (bawaan $SPBE_VAR_DIR/media);
#   3. manifest.json: versi platform, migrasi terakhir per app, jumlah baris per tabel, SHA-256 dan
#      ukuran setiap berkas.
# Set ditulis dengan nama sementara dan baru diganti namanya bila lengkap. Setiap cadangan dicatat
# sebagai pelaksanaan rencana pencadangan "Platform SPBE (spbe backup)" milik Dinas Kominfo.
# Set lebih tua dari SPBE_BACKUP_KEEP_DAYS hari dihapus. Salin direktori ini ke luar server
# (mesin lain / penyimpanan objek): cadangan di disk yang sama bukan cadangan.
#
# Membutuhkan lingkungan /etc/spbe/spbe.env (EnvironmentFile=) dan paket postgresql-client dengan
# versi utama >= versi server.
set -eu
umask 077

BACKUP_DIR=${SPBE_BACKUP_DIR:-/var/backups/spbe}
KEEP_DAYS=${SPBE_BACKUP_KEEP_DAYS:-14}
SPBE_BIN=${SPBE_BIN:-/opt/spbe/venv/bin/spbe}

cd "${SPBE_VAR_DIR:-/var/lib/spbe}"
"$SPBE_BIN" backup --output "$BACKUP_DIR"

find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'spbe-backup-*' -mtime "+$KEEP_DAYS" \
    -exec rm -rf {} +
