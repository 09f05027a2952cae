#!/bin/sh
# spbe-backup.sh: cadangan harian platform SPBE (dipanggil spbe-backup.service/.timer).
#
#   1. basis data: pg_dump format custom (-Fc), dipulihkan dengan pg_restore;
#   2. berkas unggahan: arsip tar dari SPBE_MEDIA_ROOT (bawaan $SPBE_VAR_DIR/media).
# Keduanya diperlukan untuk pemulihan: tabel lampiran menunjuk ke berkas di folder media.
# Hasil: $SPBE_BACKUP_DIR/spbe-db-<waktu>.dump dan spbe-media-<waktu>.tar.gz, beserta berkas .sha256.
# Cadangan lebih tua dari SPBE_BACKUP_KEEP_DAYS hari dihapus. Salin direktori ini ke luar server
# (mesin lain / penyimpanan objek): cadangan di disk yang sama bukan cadangan.
#
# Membutuhkan DATABASE_URL dan SPBE_VAR_DIR di lingkungan (EnvironmentFile=/etc/spbe/spbe.env)
# dan paket postgresql-client dengan versi utama >= versi server.
set -eu
umask 077

: "${DATABASE_URL:?DATABASE_URL belum diisi}"
VAR_DIR=${SPBE_VAR_DIR:-/var/lib/spbe}
MEDIA_ROOT=${SPBE_MEDIA_ROOT:-$VAR_DIR/media}
BACKUP_DIR=${SPBE_BACKUP_DIR:-/var/backups/spbe}
KEEP_DAYS=${SPBE_BACKUP_KEEP_DAYS:-14}
STAMP=$(date +%Y%m%d-%H%M%S)

mkdir -p "$BACKUP_DIR"
cd "$BACKUP_DIR"

# Basis data dulu, lalu media: lampiran yang diunggah di antara keduanya hanya ada di arsip media,
# tidak pernah sebaliknya (baris lampiran tanpa berkas).
pg_dump --format=custom --file="spbe-db-$STAMP.dump.part" --dbname="$DATABASE_URL"
mv "spbe-db-$STAMP.dump.part" "spbe-db-$STAMP.dump"

if [ -d "$MEDIA_ROOT" ]; then
    tar --create --gzip --file="spbe-media-$STAMP.tar.gz.part" --directory="$MEDIA_ROOT" .
else
    tar --create --gzip --file="spbe-media-$STAMP.tar.gz.part" --files-from=/dev/null
fi
mv "spbe-media-$STAMP.tar.gz.part" "spbe-media-$STAMP.tar.gz"

sha256sum "spbe-db-$STAMP.dump" "spbe-media-$STAMP.tar.gz" > "spbe-$STAMP.sha256"

find "$BACKUP_DIR" -maxdepth 1 -type f \( -name 'spbe-db-*.dump' -o -name 'spbe-media-*.tar.gz' \
    -o -name 'spbe-*.sha256' \) -mtime "+$KEEP_DAYS" -delete

echo "cadangan selesai: $BACKUP_DIR/spbe-db-$STAMP.dump ($(du -h "spbe-db-$STAMP.dump" | cut -f1)), \
spbe-media-$STAMP.tar.gz ($(du -h "spbe-media-$STAMP.tar.gz" | cut -f1))"
