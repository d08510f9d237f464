/** Event-handler attribute names without their `on` (DOM Level 0 and HTML/SVG events). Unknown `on…` names still score, lower. */
export const EVENT_HANDLER_NAMES = new Set(
  (
    'abort activate afterprint animationend animationiteration animationstart auxclick beforeactivate beforecopy ' +
    'beforecut beforeinput beforepaste beforeprint beforeunload begin blur bounce canplay canplaythrough change ' +
    'click close contextmenu copy cuechange cut dblclick drag dragend dragenter dragleave dragover dragstart drop ' +
    'durationchange end ended error finish focus focusin focusout formdata fullscreenchange hashchange input ' +
    'invalid keydown keypress keyup load loadeddata loadedmetadata loadend loadstart message mousedown ' +
    'mouseenter mouseleave mousemove mouseout mouseover mouseup mousewheel offline online pagehide pageshow paste ' +
    'pause play playing pointerdown pointerenter pointerleave pointermove pointerout pointerover pointerup ' +
    'popstate progress propertychange ratechange readystatechange repeat reset resize scroll scrollend search ' +
    'seeked seeking select selectionchange selectstart show stalled start storage submit suspend timeupdate ' +
    'toggle touchend touchmove touchstart transitioncancel transitionend transitionrun transitionstart unload ' +
    'volumechange waiting wheel'
  ).split(' '),
);
