#!/usr/bin/env bash
# Subscribes the app's Event Grid blob triggers to blob-created events of the storage account.
#
# Why here and not in Bicep: the subscription delivers to
#   https://<app>/runtime/webhooks/blobs?functionName=Host.Functions.<Function>&code=<blobs_extension key>
# and Event Grid validates that endpoint when the subscription is created. The blobs_extension system
# key exists only after the code is deployed and the host has started with a blob trigger, i.e. after
# provisioning. azd runs this script after "azd deploy" (see azure.yaml); it is safe to run again.
#
# Needs: az CLI, logged in. Reads the azd environment (AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME,
# AZURE_EVENTGRID_SYSTEM_TOPIC_NAME); outside azd, export those three first.
set -euo pipefail

resource_group="${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set (run through azd, or export it)}"
app="${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set}"
topic="${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?AZURE_EVENTGRID_SYSTEM_TOPIC_NAME is not set}"

log() { printf 'post-deploy: %s\n' "$*" >&2; }

host="$(az functionapp show --resource-group "$resource_group" --name "$app" --query defaultHostName --output tsv)"

# The host creates the blobs_extension key when it first starts with a blob trigger; after a deployment
# that can take a minute or two. A request wakes the app up, then poll.
blobs_extension_key() {
  curl --silent --output /dev/null --max-time 30 "https://${host}/api/health" || true
  local key=""
  for _ in $(seq 1 30); do
    key="$(az functionapp keys list --resource-group "$resource_group" --name "$app" \
      --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)"
    if [ -n "$key" ]; then
      printf '%s' "$key"
      return 0
    fi
    sleep 10
  done
  return 1
}

# subscribe_blob_trigger FUNCTION CONTAINER: deliver BlobCreated events of CONTAINER to FUNCTION's
# Event Grid blob trigger. A function that is not deployed yet is skipped with a note.
subscribe_blob_trigger() {
  local function="$1" container="$2"
  local subscription
  subscription="$(printf '%s' "$function" | tr '[:upper:]' '[:lower:]')-${container}"

  if ! az functionapp function show --resource-group "$resource_group" --name "$app" \
      --function-name "$function" --output none 2>/dev/null; then
    log "$function is not deployed; no Event Grid subscription made for container '$container'."
    return 0
  fi

  local key
  if ! key="$(blobs_extension_key)"; then
    log "the blobs_extension key of $app did not appear; is the host running? Run this script again later."
    return 1
  fi

  local endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${function}&code=${key}"
  local action=create
  if az eventgrid system-topic event-subscription show --resource-group "$resource_group" \
      --system-topic-name "$topic" --name "$subscription" --output none 2>/dev/null; then
    action=update
  fi

  log "$action Event Grid subscription $subscription: BlobCreated in '$container' -> $function"
  if [ "$action" = create ]; then
    az eventgrid system-topic event-subscription create \
      --resource-group "$resource_group" \
      --system-topic-name "$topic" \
      --name "$subscription" \
      --endpoint-type webhook \
      --endpoint "$endpoint" \
      --event-delivery-schema eventgridschema \
      --included-event-types Microsoft.Storage.BlobCreated \
      --subject-begins-with "/blobServices/default/containers/${container}/" \
      --max-delivery-attempts 30 \
      --event-ttl 1440 \
      --output none
  else
    az eventgrid system-topic event-subscription update \
      --resource-group "$resource_group" \
      --system-topic-name "$topic" \
      --name "$subscription" \
      --endpoint "$endpoint" \
      --included-event-types Microsoft.Storage.BlobCreated \
      --subject-begins-with "/blobServices/default/containers/${container}/" \
      --output none
  fi
}

# One line per blob-triggered function (a test checks every [BlobTrigger] in the code has one).
subscribe_blob_trigger IngestRelease incoming
