using System.Text.Json;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>What clicking a button or link did; <see cref="Nothing"/> is a dead control.</summary>
public enum ClickEffect
{
    Nothing,
    Navigated,
    OpenedDialog,
    OpenedWindow,
    Downloaded,
    ChangedPage,
}

/// <summary>A button or link found on a page: a key that finds it again after the page re-renders, and how to name it.</summary>
/// <param name="Repeat">Another control on the page has the same kind and name (another column's Sort, another row's Map…).</param>
public sealed record ClickTarget(string Key, string Label, bool InLayout, bool Repeat);

/// <summary>
/// Finds the buttons and links of a page and tells what clicking one does. A script added to every document counts
/// history changes (Blazor's navigation) and DOM mutations that a person would see: nodes added anywhere, nodes
/// removed or text changed outside the fading notifications, attributes changed except the focus and hover classes
/// of the clicked control itself. Popups, downloads and dialogs are watched from Playwright.
/// </summary>
public sealed class ClickProbe
{
    /// <summary>How long a click may take to show its effect before the control is suspected dead (a server round trip).</summary>
    public static readonly TimeSpan EffectDeadline = TimeSpan.FromSeconds(6);

    /// <summary>The second chance of a suspect, from a freshly reached page: long enough for a loaded machine.</summary>
    public static readonly TimeSpan RetryEffectDeadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan QuietDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private const string Instrumentation = """
        (() => {
          if (window.__sncpProbe) return;
          const state = { navigations: 0, changes: 0, lastMutation: performance.now(), clicked: null };
          window.__sncpProbe = state;
          for (const name of ['pushState', 'replaceState']) {
            const original = history[name];
            history[name] = function (...args) { state.navigations++; return original.apply(this, args); };
          }
          addEventListener('popstate', () => state.navigations++);
          const transient = node => {
            const element = node && (node.nodeType === 1 ? node : node.parentElement);
            return !!(element && element.closest('.mud-snackbar-provider, .mud-snackbar, .mud-tooltip, .mud-popover-provider, .mud-ripple'));
          };
          const meaningful = node => !(node.nodeType === 3 && !node.textContent.trim()) && node.nodeType !== 8;
          new MutationObserver(records => {
            state.lastMutation = performance.now();
            for (const r of records) {
              if (r.type === 'childList') {
                if ([...r.addedNodes].some(meaningful) || (!transient(r.target) && [...r.removedNodes].some(meaningful))) state.changes++;
              } else if (r.type === 'characterData') {
                if (!transient(r.target)) state.changes++;
              } else if (!transient(r.target)) {
                const ownState = (r.attributeName === 'class' || r.attributeName === 'style') && state.clicked && r.target.contains(state.clicked);
                if (!ownState && r.oldValue !== r.target.getAttribute(r.attributeName)) state.changes++;
              }
            }
          }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeOldValue: true });
        })();
        """;

    // Marks every visible, enabled button and link outside dialogs (and not the tab, step or filter already chosen)
    // with data-crawl-key and lists them.
    private const string ListTargets = """
        () => {
          const visible = e => {
            const r = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
          };
          // The tab, step or filter already shown: choosing it again rightly changes nothing.
          const current = e => e.getAttribute('aria-selected') === 'true' || e.getAttribute('aria-pressed') === 'true'
            || (e.hasAttribute('aria-current') && e.getAttribute('aria-current') !== 'false');
          const disabled = e => e.disabled || e.closest('[disabled], [aria-disabled=true], .mud-disabled') !== null;
          const words = e => {
            const copy = e.cloneNode(true);
            copy.querySelectorAll('.notranslate, i, svg').forEach(icon => icon.remove());
            return copy.textContent;
          };
          document.querySelectorAll('[data-crawl-key]').forEach(e => e.removeAttribute('data-crawl-key'));
          const seen = new Map();
          const targets = [];
          for (const e of document.querySelectorAll('button, a[href], [role=button], [role=tab]')) {
            if (!visible(e) || disabled(e) || current(e) || e.closest('.mud-dialog-container, .mud-snackbar-provider, .mud-snackbar, .mud-popover-provider')) continue;
            const text = (e.getAttribute('data-testid') || e.getAttribute('aria-label') || e.getAttribute('title') || words(e) || e.getAttribute('href') || '')
              .replace(/\s+/g, ' ').trim().slice(0, 60);
            const base = e.tagName.toLowerCase() + ':' + text;
            const n = (seen.get(base) || 0) + 1;
            seen.set(base, n);
            const key = n === 1 ? base : base + '#' + n;
            e.setAttribute('data-crawl-key', key);
            targets.push({ key, label: text || base, inLayout: e.closest('.portal-header, .portal-sidebar') !== null, repeat: n > 1 });
          }
          return targets;
        }
        """;

    private readonly IPage _page;

    private ClickProbe(IPage page) => _page = page;

    /// <summary>Instruments every document the page loads from now on, including the current one.</summary>
    public static async Task<ClickProbe> AttachAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.AddInitScriptAsync(Instrumentation);
        await page.EvaluateAsync(Instrumentation);
        return new ClickProbe(page);
    }

    public async Task<IReadOnlyList<ClickTarget>> ListAsync()
    {
        var json = await _page.EvaluateAsync<JsonElement>(ListTargets);
        return [.. json.EnumerateArray().Select(t => new ClickTarget(
            t.GetProperty("key").GetString()!, t.GetProperty("label").GetString()!, t.GetProperty("inLayout").GetBoolean(),
            t.GetProperty("repeat").GetBoolean()))];
    }

    /// <summary>The control's markup and its parent's, to say which one is dead.</summary>
    public Task<string> DescribeAsync(ClickTarget target) =>
        Find(target).EvaluateAsync<string>("e => e.outerHTML.slice(0, 300) + ' in <' + e.parentElement.tagName.toLowerCase() + ' class=\"' + e.parentElement.className + '\">'");

    public ILocator Find(ClickTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _page.Locator($"[data-crawl-key=\"{target.Key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]");
    }

    /// <summary>Waits until nothing on the page has changed for a moment (a check run or an import may still be streaming).</summary>
    public async Task WaitUntilQuietAsync()
    {
        var deadline = DateTime.UtcNow + QuietDeadline;
        while (DateTime.UtcNow < deadline && !await IsQuietAsync())
        {
            await Task.Delay(PollInterval);
        }
    }

    private async Task<bool> IsQuietAsync()
    {
        try
        {
            return await _page.EvaluateAsync<bool>("() => !!window.__sncpProbe && performance.now() - window.__sncpProbe.lastMutation > 750");
        }
        catch (PlaywrightException)
        {
            // The document is being replaced (a link to a page outside the circuit, such as the account page): not quiet yet.
            return false;
        }
    }

    /// <summary>Clicks the control and tells what it did, watching for up to <paramref name="effectDeadline"/>.</summary>
    public async Task<ClickEffect> ClickAsync(ClickTarget target, TimeSpan effectDeadline)
    {
        var control = Find(target);
        await control.EvaluateAsync("e => { const s = window.__sncpProbe; s.navigations = 0; s.changes = 0; s.clicked = e; }");
        var urlBefore = _page.Url;
        var dialogsBefore = await OpenDialogs().CountAsync();
        var popup = false;
        var download = false;
        var navigated = false;
        void OnPopup(object? sender, IPage p) => popup = true;
        void OnDownload(object? sender, IDownload d) => download = true;
        void OnNavigated(object? sender, IFrame f)
        {
            if (f == _page.MainFrame)
            {
                navigated = true;
            }
        }

        _page.Context.Page += OnPopup;
        _page.Download += OnDownload;
        _page.FrameNavigated += OnNavigated;
        try
        {
            await control.ClickAsync(new() { Timeout = 10_000 });
            var deadline = DateTime.UtcNow + effectDeadline;
            while (true)
            {
                if (download)
                {
                    return ClickEffect.Downloaded;
                }

                if (popup)
                {
                    return ClickEffect.OpenedWindow;
                }

                if (navigated || _page.Url != urlBefore)
                {
                    return ClickEffect.Navigated;
                }

                var (historyChanges, changes) = await ReadCountersAsync();
                if (historyChanges > 0)
                {
                    return ClickEffect.Navigated;
                }

                if (await OpenDialogs().CountAsync() > dialogsBefore)
                {
                    return ClickEffect.OpenedDialog;
                }

                if (changes > 0)
                {
                    return ClickEffect.ChangedPage;
                }

                if (DateTime.UtcNow > deadline)
                {
                    return ClickEffect.Nothing;
                }

                await Task.Delay(PollInterval);
            }
        }
        finally
        {
            _page.Context.Page -= OnPopup;
            _page.Download -= OnDownload;
            _page.FrameNavigated -= OnNavigated;
        }
    }

    /// <summary>
    /// Closes the dialogs and popups a click opened, never confirming one: Escape, else its Cancel or Close button, else
    /// a click outside it (on the page's heading). Tells whether there was one to close.
    /// </summary>
    public async Task<bool> CloseDialogsAsync()
    {
        var open = await OpenDialogs().CountAsync() > 0;
        for (var attempt = 0; attempt < 3 && await OpenDialogs().CountAsync() > 0; attempt++)
        {
            await _page.Keyboard.PressAsync("Escape");
            if (await WaitForNoDialogAsync())
            {
                return true;
            }

            var cancel = OpenDialogs().Last.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Cancel|Close|No|Keep editing)$") });
            if (await cancel.CountAsync() > 0)
            {
                await cancel.First.ClickAsync();
            }
            else
            {
                await _page.Locator("h1").ClickAsync();
            }

            await WaitForNoDialogAsync();
        }

        await Assertions.Expect(OpenDialogs()).ToHaveCountAsync(0);
        return open;
    }

    /// <summary>Closes the windows a click opened (an export, a ServiceNow record).</summary>
    public async Task ClosePopupsAsync()
    {
        foreach (var other in _page.Context.Pages.Where(p => p != _page).ToList())
        {
            await other.CloseAsync();
        }
    }

    // Dialogs, and the popups a grid's column filter opens (which close on a click outside them).
    private ILocator OpenDialogs() => _page.Locator(".mud-dialog:visible, .mud-popover-open:visible");

    private async Task<bool> WaitForNoDialogAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < deadline)
        {
            if (await OpenDialogs().CountAsync() == 0)
            {
                return true;
            }

            await Task.Delay(PollInterval);
        }

        return false;
    }

    private async Task<(int HistoryChanges, int Changes)> ReadCountersAsync()
    {
        try
        {
            var counters = await _page.EvaluateAsync<JsonElement>("() => ({ n: window.__sncpProbe ? window.__sncpProbe.navigations : 1, c: window.__sncpProbe ? window.__sncpProbe.changes : 0 })");
            return (counters.GetProperty("n").GetInt32(), counters.GetProperty("c").GetInt32());
        }
        catch (PlaywrightException)
        {
            // The document is being replaced: a full-page navigation.
            return (1, 0);
        }
    }
}
