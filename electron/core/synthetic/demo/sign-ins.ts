/**
 * Thirty days of sign-ins for the demo tenant: each story user's Jamf Connect ROPG checks (with
 * the day their trouble starts) and ordinary browser/desktop sign-ins as background. All times
 * are relative to GENERATED_AT; one seeded PRNG makes every run identical.
 */
import type { GraphObject } from '../../snapshot/types.js';
import { signIn, UNREGISTERED_MAC, type SignInDevice, type SignInSpec } from '../graph-shapes.js';
import { guidFrom } from '../ids.js';
import { Prng } from '../prng.js';
import { FIRST_PARTY_APPS } from '../well-known.js';
import { APP_NAMES } from './apps.js';
import { evaluateScript, isBaselineOnly, ropgResource, type CaContext } from './ca-script.js';
import {
  DATES,
  DEMO_NS,
  GENERATED_AT,
  JAMF_CLIENT_APP_ID,
  JAMF_LAB_CLIENT_APP_ID,
  JAMF_USER_AGENT,
  LOCKOUT_LENS_APP_ID,
  PLACES,
  TENANT_ID,
  WINDOW_DAYS,
} from './constants.js';
import { displayName, signInName, userId } from './directory.js';
import { homeNetwork, officeNetwork, personIndex, type Network } from './networks.js';
import { PEOPLE, type Person } from './people.js';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const end = Date.parse(GENERATED_AT);
const start = end - WINDOW_DAYS * DAY;

/** Midnight UTC of each day in the window, oldest first. */
function days(): number[] {
  const out: number[] = [];
  for (let d = Math.floor(start / DAY) * DAY; d <= end; d += DAY) out.push(d);
  return out;
}
const isWorkday = (day: number): boolean => {
  const wd = new Date(day).getUTCDay();
  return wd >= 1 && wd <= 5;
};
const isFriday = (day: number): boolean => new Date(day).getUTCDay() === 5;

interface Draft {
  readonly at: number;
  readonly build: (id: string, correlationId: string) => GraphObject;
}

export class SignInScript {
  private readonly drafts: Draft[] = [];
  private readonly rng: Prng;

  constructor(private readonly policies: readonly GraphObject[], seed: number) {
    this.rng = new Prng(seed);
  }

  /** A time on `day` between the given UTC hours, inside the window. */
  private time(day: number, fromHour: number, toHour: number): number {
    return day + fromHour * 3_600_000 + Math.floor(this.rng.next() * (toHour - fromHour) * 3_600_000 / 1000) * 1000;
  }

  private add(at: number, build: Draft['build']): void {
    if (at >= start && at <= end) this.drafts.push({ at, build });
  }

  private user(p: Person): SignInSpec['user'] {
    return {
      id: userId(p.key),
      userPrincipalName: signInName(p),
      displayName: displayName(p),
      userType: p.kind === 'guest' ? 'guest' : 'member',
      ...(p.kind === 'guest' ? { homeTenantId: guidFrom(DEMO_NS, `tenant:${p.guestDomain}`) } : {}),
    };
  }

  /**
   * One Jamf Connect ROPG password check. `primary` decides what happens before CA: a client or
   * password error ends the sign-in with that code; otherwise the CA script decides.
   */
  ropg(p: Person, at: number, net: Network, opts: { clientAppId?: string; primary?: 50126 | 50053 | 50055 | 50057 | 7000218 } = {}): void {
    const clientAppId = opts.clientAppId ?? p.mac!.clientAppId;
    const scopes = p.mac!.ropgScopes;
    const resource = ropgResource(scopes);
    const atIso = iso(at);
    const ctx: CaContext = {
      person: p,
      at: atIso,
      clientType: 'mobileAppsAndDesktopClients',
      platform: 'macOS',
      trustedNetwork: net.trusted,
      country: net.place.countryOrRegion,
      compliant: false,
      canMfa: false,
      resourceAppId: resource.appId,
      baselineOnly: isBaselineOnly(scopes),
    };
    const ca = evaluateScript(ctx, this.policies);
    const primary = opts.primary;
    this.add(at, (id, correlationId) =>
      signIn({
        id,
        createdDateTime: atIso,
        tenantId: TENANT_ID,
        user: this.user(p),
        app: { appId: clientAppId, displayName: clientAppId === JAMF_LAB_CLIENT_APP_ID ? APP_NAMES.jamfLab : APP_NAMES.jamfClient },
        resource,
        audiences: primary ? [] : ca.audiences,
        clientAppUsed: 'Mobile Apps and Desktop clients',
        isInteractive: true,
        protocol: 'ropc',
        ipAddress: net.ip,
        location: net.place,
        networkNames: net.names,
        device: UNREGISTERED_MAC,
        userAgent: JAMF_USER_AGENT,
        errorCode: primary ?? ca.errorCode,
        passwordVerified: primary === 7000218 ? null : primary === undefined,
        mfaRequired: primary ? false : ca.mfaRequired,
        mfaCompleted: false,
        policies: primary ? [] : ca.entries,
        correlationId,
        processingTimeInMilliseconds: 90 + (at % 170),
      }),
    );
  }

  /** An interactive browser or desktop-app sign-in from a Windows laptop (background traffic). */
  windows(p: Person, at: number, net: Network, app: { appId: string; displayName: string }, resource: { appId: string; displayName: string }, clientType: 'browser' | 'mobileAppsAndDesktopClients'): void {
    const managed = p.device === 'windows';
    const index = personIndex(p);
    const device: SignInDevice = managed
      ? { deviceId: guidFrom(DEMO_NS, `device:${p.key}`), displayName: `NW-LT-${String(2000 + index)}`, operatingSystem: 'Windows10', browser: clientType === 'browser' ? 'Edge 131.0.2903' : '', isCompliant: true, isManaged: true, trustType: 'Azure AD joined' }
      : { deviceId: '', displayName: '', operatingSystem: 'Windows10', browser: clientType === 'browser' ? 'Chrome 131.0.0' : '', isCompliant: false, isManaged: false, trustType: '' };
    const atIso = iso(at);
    const ca = evaluateScript(
      { person: p, at: atIso, clientType, platform: 'windows', trustedNetwork: net.trusted, country: net.place.countryOrRegion, compliant: managed, canMfa: true, resourceAppId: resource.appId, baselineOnly: false },
      this.policies,
    );
    this.add(at, (id, correlationId) =>
      signIn({
        id,
        createdDateTime: atIso,
        tenantId: TENANT_ID,
        user: this.user(p),
        app,
        resource,
        audiences: ca.audiences,
        clientAppUsed: clientType === 'browser' ? 'Browser' : 'Mobile Apps and Desktop clients',
        isInteractive: true,
        protocol: 'none',
        ipAddress: net.ip,
        location: net.place,
        networkNames: net.names,
        device,
        userAgent:
          clientType !== 'browser'
            ? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Teams/24295.605.3225.8804'
            : managed
              ? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
              : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        errorCode: ca.errorCode,
        passwordVerified: true,
        mfaRequired: ca.mfaRequired,
        mfaCompleted: ca.mfaRequired,
        policies: ca.entries,
        correlationId,
        processingTimeInMilliseconds: 120 + (at % 300),
      }),
    );
  }

  /** A legacy-protocol (IMAP) attempt — blocked by CA002. */
  legacyImap(p: Person, at: number, net: Network): void {
    const atIso = iso(at);
    const resource = FIRST_PARTY_APPS.exchangeOnline;
    const ca = evaluateScript(
      { person: p, at: atIso, clientType: 'other', platform: 'windows', trustedNetwork: net.trusted, country: net.place.countryOrRegion, compliant: false, canMfa: false, resourceAppId: resource.appId, baselineOnly: false },
      this.policies,
    );
    this.add(at, (id, correlationId) => ({
      ...signIn({
        id,
        createdDateTime: atIso,
        tenantId: TENANT_ID,
        user: this.user(p),
        app: FIRST_PARTY_APPS.exchangeOnline,
        resource,
        audiences: ca.audiences,
        clientAppUsed: 'IMAP',
        isInteractive: false,
        protocol: 'none',
        ipAddress: net.ip,
        location: net.place,
        networkNames: net.names,
        device: { ...UNREGISTERED_MAC, operatingSystem: '' },
        userAgent: 'BAV2ROPC',
        errorCode: ca.errorCode,
        passwordVerified: true,
        mfaRequired: false,
        mfaCompleted: false,
        policies: ca.entries,
        correlationId,
        processingTimeInMilliseconds: 60,
      }),
    }));
  }

  /** Draft → signIn objects, newest first (Graph's default order), ids derived from position. */
  finish(): GraphObject[] {
    const sorted = [...this.drafts].sort((a, b) => a.at - b.at);
    const built = sorted.map((d, i) => d.build(guidFrom(DEMO_NS, `signIn:${i}`), guidFrom(DEMO_NS, `correlation:${i}`)));
    return built.reverse();
  }

  // ---------------------------------------------------------------- the timelines

  /** Every story user's history plus background traffic. */
  writeAll(): void {
    const p = (key: string): Person => PEOPLE.find((x) => x.key === key)!;
    for (const day of days()) {
      const work = isWorkday(day);
      // Story users: a login-window check in the morning and a menu-bar check after lunch.
      for (const key of ['mari', 'tor', 'ida', 'henrik', 'emma']) {
        const person = p(key);
        const net = officeNetwork(person);
        if (work) {
          this.ropg(person, this.time(day, 7, 9), net);
          this.ropg(person, this.time(day, 11, 14), net);
        } else if (this.rng.chance(0.3)) this.ropg(person, this.time(day, 9, 18), homeNetwork(person));
      }
      // Kari (Finance, CA020): at the office she is fine; from home every check is blocked.
      {
        const kari = p('kari');
        const fromHome = day >= Date.parse(DATES.kariHomeFrom) || isFriday(day);
        const net = fromHome ? homeNetwork(kari) : officeNetwork(kari);
        if (work) {
          this.ropg(kari, this.time(day, 7, 9), net);
          if (fromHome) this.ropg(kari, this.time(day, 9, 10), net); // she retries
          this.ropg(kari, this.time(day, 12, 14), net);
        }
      }
      // Lars: changed his password in the browser; the Mac keeps sending the old one.
      {
        const lars = p('lars');
        const net = officeNetwork(lars);
        if (work) {
          for (const [from, to] of [[7, 8], [12, 13], [15, 16]] as const) {
            const at = this.time(day, from, to);
            this.ropg(lars, at, net, at >= Date.parse(DATES.larsPasswordChange) ? { primary: 50126 } : {});
          }
        }
      }
      // Sofie: SSPR reset on her phone, stale password on the Mac, a burst of failures, smart lockout.
      {
        const sofie = p('sofie');
        const net = officeNetwork(sofie);
        const change = Date.parse(DATES.sofiePasswordChange);
        const lockout = Date.parse(DATES.sofieLockout);
        if (day === Math.floor(change / DAY) * DAY) {
          this.ropg(sofie, this.time(day, 7, 8), net);
          // Seven wrong-password attempts five minutes apart, then smart lockout at DATES.sofieLockout.
          for (let i = 0; i < 7; i++) this.ropg(sofie, change + (5 + i * 5) * 60_000 + this.rng.int(0, 50) * 1000, net, { primary: 50126 });
          this.ropg(sofie, lockout + this.rng.int(0, 50) * 1000, net, { primary: 50053 });
          this.ropg(sofie, this.time(day, 12, 15), net, { primary: 50053 });
        } else if (work || day > lockout) {
          if (day < lockout) {
            this.ropg(sofie, this.time(day, 7, 9), net);
            this.ropg(sofie, this.time(day, 12, 14), net);
          } else {
            this.ropg(sofie, this.time(day, 7, 9), net, { primary: 50053 });
            this.ropg(sofie, this.time(day, 9, 10), net, { primary: 50053 });
          }
        }
      }
      // Erik: password expired on 2026-11-25.
      {
        const erik = p('erik');
        const net = officeNetwork(erik);
        if (work) {
          for (const [from, to] of [[7, 9], [12, 14]] as const) {
            const at = this.time(day, from, to);
            this.ropg(erik, at, net, at >= Date.parse(DATES.erikPasswordExpiry) ? { primary: 50055 } : {});
          }
        }
      }
      // Nora: account disabled by a mistaken offboarding run.
      {
        const nora = p('nora');
        const net = officeNetwork(nora);
        if (work) {
          for (const [from, to] of [[7, 9], [13, 15]] as const) {
            const at = this.time(day, from, to);
            this.ropg(nora, at, net, at >= Date.parse(DATES.noraDisabled) ? { primary: 50057 } : {});
          }
        }
      }
      // Jonas: lab Macs re-pointed at the new "Jamf Connect (Lab Macs)" app, which has public client flows off.
      {
        const jonas = p('jonas');
        const net = officeNetwork(jonas);
        if (work) {
          for (const [from, to] of [[7, 9], [12, 14]] as const) {
            const at = this.time(day, from, to);
            if (at >= Date.parse(DATES.labAppSwitch)) this.ropg(jonas, at, net, { primary: 7000218 });
            else this.ropg(jonas, at, net, { clientAppId: JAMF_CLIENT_APP_ID });
          }
        }
      }
      this.background(day, work);
    }
  }

  private background(day: number, work: boolean): void {
    const apps = [
      { app: FIRST_PARTY_APPS.officeHome, resource: FIRST_PARTY_APPS.officeHome, type: 'browser' as const },
      { app: FIRST_PARTY_APPS.microsoftTeams, resource: FIRST_PARTY_APPS.microsoftTeams, type: 'mobileAppsAndDesktopClients' as const },
      { app: FIRST_PARTY_APPS.microsoftOffice, resource: FIRST_PARTY_APPS.exchangeOnline, type: 'mobileAppsAndDesktopClients' as const },
      { app: FIRST_PARTY_APPS.officeHome, resource: FIRST_PARTY_APPS.sharePointOnline, type: 'browser' as const },
    ];
    for (const person of PEOPLE) {
      if (person.operatorPurpose) {
        if (!work) continue;
        // Operators: the Azure portal and Lockout Lens itself, from the office.
        if (this.rng.chance(0.6)) this.windows(person, this.time(day, 7, 10), officeNetwork(person), FIRST_PARTY_APPS.azurePortal, FIRST_PARTY_APPS.azurePortal, 'browser');
        if (this.rng.chance(0.3)) this.windows(person, this.time(day, 10, 15), officeNetwork(person, true), { appId: LOCKOUT_LENS_APP_ID, displayName: APP_NAMES.lockoutLens }, FIRST_PARTY_APPS.microsoftGraph, 'mobileAppsAndDesktopClients');
        continue;
      }
      if (person.kind === 'member' && !person.mac && person.device === 'windows' && work && this.rng.chance(0.55)) {
        const a = this.rng.pick(apps);
        // Finance stays in the office (CA020); others sometimes work from home.
        const net = person.department !== 'Finance' && this.rng.chance(0.25) ? homeNetwork(person) : officeNetwork(person);
        this.windows(person, this.time(day, 7, 16), net, a.app, a.resource, a.type);
      }
      if (person.kind === 'member' && person.device === 'personal-windows' && work && this.rng.chance(0.6)) {
        const place = person.key === 'viktor' ? PLACES.stockholm : PLACES.trondheim;
        this.windows(person, this.time(day, 8, 16), homeNetwork(person, place), FIRST_PARTY_APPS.officeHome, FIRST_PARTY_APPS.sharePointOnline, 'browser');
      }
      if (person.kind === 'guest' && work && this.rng.chance(0.35)) {
        const place = person.guestDomain!.startsWith('fabrikam') ? PLACES.london : person.guestDomain!.startsWith('contoso') ? PLACES.stockholm : PLACES.london;
        this.windows(person, this.time(day, 8, 16), homeNetwork(person, place), FIRST_PARTY_APPS.officeHome, FIRST_PARTY_APPS.sharePointOnline, 'browser');
      }
      if (['jon', 'ahmed', 'ingvild'].includes(person.key) && work && this.rng.chance(0.7)) {
        this.ropg(person, this.time(day, 7, 10), officeNetwork(person));
      }
      if (person.kind === 'service' && work) {
        this.legacyImap(person, this.time(day, 6, 8), officeNetwork(person));
      }
      if (person.kind === 'breakGlass' && day === Date.parse('2026-11-16T00:00:00Z') && person.key === 'bg1') {
        // Monthly break-glass test sign-in: excluded from every policy.
        this.windows(person, day + 10 * 3_600_000, officeNetwork(person), FIRST_PARTY_APPS.azurePortal, FIRST_PARTY_APPS.azurePortal, 'browser');
      }
    }
  }
}

export function buildSignIns(policies: readonly GraphObject[], seed = 20261130): GraphObject[] {
  const script = new SignInScript(policies, seed);
  script.writeAll();
  return script.finish();
}
