/** What the alerts bring to the query module. */
import { CreateAlertRuleController } from './create-alert-rule/create-alert-rule.controller';
import { CreateAlertRuleHandler } from './create-alert-rule/create-alert-rule.handler';
import { DeleteAlertRuleController } from './delete-alert-rule/delete-alert-rule.controller';
import { DeleteAlertRuleHandler } from './delete-alert-rule/delete-alert-rule.handler';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { AlertEvaluator } from './evaluation/alert-evaluator';
import { EvaluationScheduler } from './evaluation/evaluation-scheduler';
import { GetAlertDeliveriesController } from './get-alert-deliveries/get-alert-deliveries.controller';
import { GetAlertDeliveriesHandler } from './get-alert-deliveries/get-alert-deliveries.handler';
import { GetAlertRuleController } from './get-alert-rule/get-alert-rule.controller';
import { GetAlertRuleHandler } from './get-alert-rule/get-alert-rule.handler';
import { GetAlertRulesController } from './get-alert-rules/get-alert-rules.controller';
import { GetAlertRulesHandler } from './get-alert-rules/get-alert-rules.handler';

export const alertControllers = [
  CreateAlertRuleController, GetAlertRulesController, GetAlertRuleController, GetAlertDeliveriesController, DeleteAlertRuleController,
];
export const alertCommandHandlers = [CreateAlertRuleHandler, DeleteAlertRuleHandler];
export const alertQueryHandlers = [GetAlertRulesHandler, GetAlertRuleHandler, GetAlertDeliveriesHandler];
export const alertServices = [AlertEvaluator, EvaluationScheduler, WebhookDispatcher];
