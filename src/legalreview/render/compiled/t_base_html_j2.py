from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_standalone = resolve('standalone')
    l_0_inline_css = resolve('inline_css')
    l_0_page = resolve('page')
    l_0__ = resolve('_')
    l_0_illustrative = resolve('illustrative')
    l_0_banner = resolve('banner')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'))
    yield '"'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'script_messages'):
        pass
        yield ' data-messages="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'script_messages'))
        yield '"'
    yield '>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield from context.blocks['title'][0](context)
    yield ' · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</title>\n<link rel="icon" href="data:,">\n'
    if (t_2((undefined(name='standalone') if l_0_standalone is missing else l_0_standalone)) and (undefined(name='standalone') if l_0_standalone is missing else l_0_standalone)):
        pass
        yield '<style>'
        yield escape((undefined(name='inline_css') if l_0_inline_css is missing else l_0_inline_css))
        yield '</style>\n'
    else:
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
        yield 'static/palette.css">\n<link rel="stylesheet" href="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
        yield 'static/site.css">\n'
    if (environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'languages') and t_2((undefined(name='page') if l_0_page is missing else l_0_page))):
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
        yield 'static/languages.css">\n'
        for l_1_l in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'languages'):
            _loop_vars = {}
            pass
            yield '<link rel="alternate" hreflang="'
            yield escape(environment.getattr(l_1_l, 'code'))
            yield '" href="'
            yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
            yield escape(environment.getattr(l_1_l, 'prefix'))
            yield escape((undefined(name='page') if l_0_page is missing else l_0_page))
            yield '">\n'
        l_1_l = missing
    yield '</head>\n<body>\n<a class="skip" href="#main">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Skip to content'))
    yield '</a>\n<header class="masthead">\n  <div class="wrap">\n    <p class="publisher">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publisher'))
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition'):
        pass
        yield ' · '
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(edition)s review'), edition=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition')))
    yield '</p>\n    <p class="site-title"><a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
    yield 'index.html">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</a></p>\n  </div>\n</header>\n<nav class="sitenav" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Main'))
    yield '">\n  <ul class="wrap">\n    <li><a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
    yield 'index.html">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Overview'))
    yield '</a></li>\n'
    for l_1_s in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'sets'):
        _loop_vars = {}
        pass
        yield '    <li><a href="'
        yield escape(environment.getattr(l_1_s, 'href'))
        yield '" title="'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'short'))
        yield '</a></li>\n'
    l_1_s = missing
    yield '    <li><a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
    yield 'countries.html">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries'))
    yield '</a></li>\n    <li><a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
    yield 'methodology.html">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Methodology'))
    yield '</a></li>\n    <li><a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
    yield 'downloads.html">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Data'))
    yield '</a></li>\n  </ul>\n</nav>\n'
    if (environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'languages') and t_2((undefined(name='page') if l_0_page is missing else l_0_page))):
        pass
        yield '<nav class="languages" aria-label="'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Languages'))
        yield '">\n  <ul class="wrap">\n'
        for l_1_l in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'languages'):
            _loop_vars = {}
            pass
            yield '    <li>'
            if environment.getattr(l_1_l, 'current'):
                pass
                yield '<span lang="'
                yield escape(environment.getattr(l_1_l, 'code'))
                yield '" aria-current="page">'
                yield escape(environment.getattr(l_1_l, 'name'))
                yield '</span>'
            else:
                pass
                yield '<a href="'
                yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
                yield escape(environment.getattr(l_1_l, 'prefix'))
                yield escape((undefined(name='page') if l_0_page is missing else l_0_page))
                yield '" hreflang="'
                yield escape(environment.getattr(l_1_l, 'code'))
                yield '" lang="'
                yield escape(environment.getattr(l_1_l, 'code'))
                yield '">'
                yield escape(environment.getattr(l_1_l, 'name'))
                yield '</a>'
            yield '</li>\n'
        l_1_l = missing
        yield '  </ul>\n</nav>\n'
    yield '<main id="main" class="wrap">\n'
    if (undefined(name='illustrative') if l_0_illustrative is missing else l_0_illustrative):
        pass
        included_template = environment.get_template('_macros.html.j2', 'base.html.j2')._get_default_module(context)
        l_0_banner = getattr(included_template, 'banner', missing)
        if l_0_banner is missing:
            l_0_banner = undefined(f"the template {included_template.__name__!r} (imported on line 51 in 'base.html.j2') does not export the requested name 'banner'", name='banner')
        context.vars['banner'] = l_0_banner
        context.exported_vars.discard('banner')
        yield escape(environment.call(context, (undefined(name='banner') if l_0_banner is missing else l_0_banner), (undefined(name='site') if l_0_site is missing else l_0_site)))
        yield '\n'
    yield from context.blocks['main'][0](context)
    yield '</main>\n<footer class="footer">\n  <div class="wrap">\n    <p>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '. '
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Published by %(publisher)s'), publisher=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publisher')))
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition'):
        pass
        yield ', '
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(edition)s review'), edition=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition')))
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'):
        pass
        yield ', <time datetime="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'))
        yield '">'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date_text'))
        yield '</time>'
    yield '.'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'license'):
        pass
        yield ' '
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Licence:'))
        yield ' '
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'license'))
        yield '.'
    yield '</p>\n    <p>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Built with legalreview.'))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
    yield 'methodology.html">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'How the review was made'))
    yield '</a> · <a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'root'))
    yield 'downloads.html">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Download the data'))
    yield '</a></p>\n  </div>\n</footer>\n'
    yield from context.blocks['scripts'][0](context)
    yield '</body>\n</html>\n'

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'main': block_main, 'scripts': block_scripts}
debug_info = '2=31&6=39&8=43&9=46&11=51&12=53&14=55&15=58&16=60&17=64&22=72&25=74&26=80&29=84&31=86&32=90&33=94&35=102&36=106&37=110&40=114&41=117&43=119&44=123&50=147&51=149&52=155&54=157&58=159&59=182&62=192&6=195&54=204&62=213'

# Generated by `python3 -m legalreview.render.precompile` from templates/base.html.j2: do not edit.
