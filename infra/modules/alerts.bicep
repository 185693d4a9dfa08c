metadata description = 'The operator\'s alarms, on the Newsletter meter the app exports through OpenTelemetry (see Newsletter.Core.Monitoring.NewsletterMetrics) and on the requests Application Insights records. Metric names and dimensions here are the code\'s: change them together.'

@description('Prefix of the alert rule names.')
param namePrefix string

@description('Azure region of the log search alerts (metric alerts are global).')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Resource id of the Application Insights component the app reports to.')
param applicationInsightsId string

@description('Resource id of the action group to notify; empty: the alerts fire in the portal only.')
param actionGroupId string

// The thresholds the operators asked for, as fractions.
var thresholds = {
  complaintRate: '0.001' // 0.1 % of an edition's accepted mails
  bounceRate: '0.02' // 2 %
  serverErrorRate: '0.01' // 1 % of requests answered 5xx
}

var actionGroups = empty(actionGroupId) ? [] : [actionGroupId]

// Storage's queue metrics are per account and hourly: the app's timer reports each poison queue's depth itself.
resource poisonQueue 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${namePrefix}-poison-queue'
  location: 'global'
  tags: tags
  properties: {
    description: 'A message was given up after its last attempt and waits in a poison queue (newsletter.queue.poison.depth > 0).'
    severity: 1
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'poison-messages'
          metricNamespace: 'azure.applicationinsights'
          metricName: 'newsletter.queue.poison.depth'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
          // The metric exists only once the app has reported it.
          skipMetricValidation: true
        }
      ]
    }
    actions: [for id in actionGroups: { actionGroupId: id }]
  }
}

resource incompleteEdition 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${namePrefix}-incomplete-edition'
  location: 'global'
  tags: tags
  properties: {
    description: 'A dispatch message of an edition was given up: the edition is incomplete (newsletter.editions.incomplete > 0); "newsletter digest send <edition>" sends what is left.'
    severity: 1
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'incomplete-editions'
          metricNamespace: 'azure.applicationinsights'
          metricName: 'newsletter.editions.incomplete'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
          skipMetricValidation: true
        }
      ]
    }
    actions: [for id in actionGroups: { actionGroupId: id }]
  }
}

// Feedback arrives over hours: an edition's rate is its feedback events over its accepted mails in the last day.
// ({0}: the feedback kind, {1}: the threshold; multi-line strings do not interpolate.)
var feedbackRateQuery = '''
let accepted = customMetrics
  | where name == 'newsletter.mails' and tostring(customDimensions['outcome']) == 'accepted'
  | summarize mails = sum(valueSum) by edition = tostring(customDimensions['edition']);
customMetrics
| where name == 'newsletter.feedback' and tostring(customDimensions['kind']) == '{0}'
| summarize events = sum(valueSum) by edition = tostring(customDimensions['edition'])
| join kind=inner accepted on edition
| where mails > 0 and events / mails > {1}
| project edition, events, mails, rate = events / mails
'''

var feedbackAlerts = [
  {
    name: 'complaint-rate'
    kind: 'complained'
    threshold: thresholds.complaintRate
    description: 'An edition\'s complaint (spam report) rate is above 0.1 % of its accepted mails.'
  }
  {
    name: 'bounce-rate'
    kind: 'bounced'
    threshold: thresholds.bounceRate
    description: 'An edition\'s bounce rate is above 2 % of its accepted mails.'
  }
]

resource feedbackRate 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for alert in feedbackAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: location
    tags: tags
    properties: {
      description: alert.description
      severity: 2
      enabled: true
      scopes: [applicationInsightsId]
      evaluationFrequency: 'PT1H'
      windowSize: 'P1D'
      autoMitigate: false
      criteria: {
        allOf: [
          {
            query: format(feedbackRateQuery, alert.kind, alert.threshold)
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: actionGroups
      }
    }
  }
]

var serverErrorRateQuery = '''
requests
| summarize total = count(), failed = countif(toint(resultCode) >= 500)
| where total > 0 and todouble(failed) / total > {0}
'''

resource serverErrorRate 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-server-error-rate'
  location: location
  tags: tags
  properties: {
    description: 'More than 1 % of the requests in 15 minutes were answered with a 5xx status.'
    severity: 2
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(serverErrorRateQuery, thresholds.serverErrorRate)
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: actionGroups
    }
  }
}
