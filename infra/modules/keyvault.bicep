metadata description = 'Key Vault in RBAC mode holding the app\'s secrets. The app reads them through Key Vault references in its settings, as its user-assigned identity.'

@description('Name of the vault.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags { *: string }

@description('Secret names and values. A secret whose value is empty is left alone, so a later deployment without the value never overwrites one set with "az keyvault secret set".')
param secrets secretValue[]

@description('Name of the app\'s user-assigned identity (it names the role assignments, so they stay the same across deployments).')
param identityName string

@description('Principal id of the app\'s identity, from the identity module.')
param identityPrincipalId string

@description('Principal id of whoever deploys (azd sets it), so they can write secrets; empty: nobody.')
param deployerPrincipalId string

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

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

// The one role beyond storage and telemetry: the platform resolves the app's Key Vault references
// as this identity (keyVaultReferenceIdentity), so it must be able to read secret values.
resource secretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', identityName), keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

// In RBAC mode even a subscription owner cannot write secrets without a data role.
resource deployerSecretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: deployerPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}
