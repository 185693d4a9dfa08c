metadata description = 'Key Vault in RBAC mode holding the app\'s secrets. The app reads them through Key Vault references in its settings, as its user-assigned identity.'

@description('Name of the vault.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags { *: string }

@description('Secret names and values. A secret whose value is empty is left alone, so a later deployment without the value never overwrites one set with "az keyvault secret set".')
param secrets secretValue[]

@export()
@description('A secret to store.')
type secretValue = {
  @description('Secret name.')
  name: string

  @description('Secret value; empty to leave the secret as it is.')
  @secure()
  value: string
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access is granted with Azure role assignments, never with access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for secret in secrets: if (!empty(secret.value)) {
    parent: vault
    name: secret.name
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

@description('Vault URI, ending in "/".')
output uri string = vault.properties.vaultUri
