import { useState } from 'react';
import { isValidThreshold } from '../alerts/alertSettings';
import { useAlertSettings } from '../alerts/alertSettingsStore';
import { beep, notificationPermission, requestNotificationPermission, showNotification, type PermissionResult } from '../alerts/notifier';

export function SettingsAlerts() {
  const settings = useAlertSettings((s) => s.settings);
  const update = useAlertSettings((s) => s.update);
  const [permission, setPermission] = useState<PermissionResult>(notificationPermission);
  const [threshold, setThreshold] = useState(settings.minProfit);
  const thresholdOk = isValidThreshold(threshold.trim());

  const toggle = async (enabled: boolean) => {
    update({ enabled });
    if (enabled) setPermission(await requestNotificationPermission());
  };

  return (
    <section className="settings-section" aria-labelledby="alerts-heading">
      <h3 id="alerts-heading">Alerts</h3>
      <label className="check">
        <input type="checkbox" checked={settings.enabled} onChange={(e) => void toggle(e.target.checked)} /> Desktop notifications
      </label>
      {settings.enabled && permission !== 'granted' ? (
        <p className="warn">
          {permission === 'unsupported' ? 'This window cannot show desktop notifications.' : permission === 'denied' ? 'Notifications are blocked for ArbDesk; allow them in the system or browser settings.' : 'Waiting for permission to notify.'}
        </p>
      ) : null}
      <fieldset className="alert-kinds" disabled={!settings.enabled}>
        <label className="check"><input type="checkbox" checked={settings.opportunities} onChange={(e) => update({ opportunities: e.target.checked })} /> Opportunity opens at or above</label>
        <span className="limit-input">
          <span className="unit">$</span>
          <input
            aria-label="Alert threshold (net profit, dollars)"
            value={threshold}
            inputMode="decimal"
            aria-invalid={thresholdOk ? undefined : true}
            onChange={(e) => {
              setThreshold(e.target.value);
              if (isValidThreshold(e.target.value.trim())) update({ minProfit: e.target.value.trim() });
            }}
          />
        </span>
        {thresholdOk ? null : <span className="field-error" role="alert">a dollar amount such as 5 or 2.50</span>}
        <label className="check"><input type="checkbox" checked={settings.trips} onChange={(e) => update({ trips: e.target.checked })} /> Breaker trips</label>
        <label className="check"><input type="checkbox" checked={settings.venueDown} onChange={(e) => update({ venueDown: e.target.checked })} /> A venue goes down</label>
        <label className="check"><input type="checkbox" checked={settings.linkSuspended} onChange={(e) => update({ linkSuspended: e.target.checked })} /> A confirmed link is suspended</label>
        <label className="check"><input type="checkbox" checked={settings.sound} onChange={(e) => update({ sound: e.target.checked })} /> Sound</label>
        <button
          type="button"
          onClick={() => {
            showNotification({ kind: 'trip', title: 'ArbDesk test alert', body: 'Alerts are working.', tag: 'arbdesk-test' });
            if (settings.sound) beep('opportunity');
          }}
        >
          Test alert
        </button>
      </fieldset>
    </section>
  );
}
