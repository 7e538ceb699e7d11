#!/bin/bash
# Creates or converges every topic of topics.txt (docs/deploy.md#topics): creates a missing topic
# with its partitions, replication factor and settings; on an existing topic sets the settings and
# raises (never lowers) the partition count. Idempotent: safe to run on every deploy.
# Env: KAFKA_BROKERS (comma-separated), REPLICATION_FACTOR, TOPICS_FILE, KAFKA_BIN.
set -euo pipefail
bin=${KAFKA_BIN:-/opt/kafka/bin}   # the Kafka CLI scripts (where Kafka's image has them)
bootstrap=${KAFKA_BROKERS:?KAFKA_BROKERS is required}
replication=${REPLICATION_FACTOR:-3}
file=${TOPICS_FILE:-/etc/whdb-topics/topics.txt}

grep -v '^\s*\(#\|$\)' "$file" | while read -r topic partitions configs; do
  config_args=()
  IFS=',' read -ra pairs <<< "$configs"
  for pair in "${pairs[@]}"; do config_args+=(--config "$pair"); done
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$replication" "${config_args[@]}"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter --entity-type topics --entity-name "$topic" \
    --add-config "$configs"
  current=$("$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --describe --topic "$topic" \
    | sed -n 's/.*PartitionCount:[[:space:]]*\([0-9]*\).*/\1/p' | head -n 1)
  if [ -n "$current" ] && [ "$current" -lt "$partitions" ]; then
    "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --alter --topic "$topic" --partitions "$partitions"
  fi
  echo "topic $topic ready (partitions ${current:-$partitions} -> $partitions)"
done
