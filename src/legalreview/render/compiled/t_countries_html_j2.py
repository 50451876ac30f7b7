from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'countries.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'countries.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    pass
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries', _block_vars=_block_vars))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_n_assessed = resolve('n_assessed')
    l_0_n_countries = resolve('n_countries')
    l_0_regions = resolve('regions')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    yield '<h1>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries', _block_vars=_block_vars))
    yield '</h1>\n<p class="lede">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), "Every jurisdiction on the review's roster, by region.", _block_vars=_block_vars))
    yield ' '
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(assessed)s of %(countries)s are assessed against at least one criteria set (marked with the sets).', _block_vars=_block_vars), assessed=(undefined(name='n_assessed') if l_0_n_assessed is missing else l_0_n_assessed), countries=(undefined(name='n_countries') if l_0_n_countries is missing else l_0_n_countries)))
    yield '</p>\n<form class="filters" id="country-filter" hidden role="search" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Find a country', _block_vars=_block_vars))
    yield '">\n  <label for="c-text">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Find a country', _block_vars=_block_vars))
    yield ' <input type="search" id="c-text" placeholder="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Name, code or other name', _block_vars=_block_vars))
    yield '" autocomplete="off"></label>\n  <label class="check" for="c-assessed"><input type="checkbox" id="c-assessed" autocomplete="off"> '
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Assessed countries only', _block_vars=_block_vars))
    yield '</label>\n  <output id="c-count" aria-live="polite"></output>\n</form>\n'
    for l_1_r in (undefined(name='regions') if l_0_regions is missing else l_0_regions):
        _loop_vars = {}
        pass
        yield '<section class="country-region">\n<h2><a href="'
        yield escape(environment.getattr(l_1_r, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_r, 'name'))
        yield '</a></h2>\n<ul class="columns countries">'
        for l_2_c in environment.getattr(l_1_r, 'countries'):
            _loop_vars = {}
            pass
            yield '<li data-search="'
            yield escape(environment.getattr(l_2_c, 'search'))
            yield '" data-assessed="'
            yield escape(('yes' if environment.getattr(l_2_c, 'assessed') else 'no'))
            yield '"><a href="'
            yield escape(environment.getattr(l_2_c, 'href'))
            yield '">'
            yield escape(environment.getattr(l_2_c, 'country'))
            yield '</a>'
            if environment.getattr(l_2_c, 'assessed'):
                pass
                yield ' <span class="assessed-in"><span class="sr-only">'
                yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'assessed:', _loop_vars=_loop_vars))
                yield ' </span>'
                yield escape(environment.getattr(l_2_c, 'assessed'))
                yield '</span>'
            yield '</li>'
        l_2_c = missing
        yield '</ul>\n</section>\n'
    l_1_r = missing

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield '<script src="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
    yield 'static/site.js" defer></script>'

blocks = {'title': block_title, 'main': block_main, 'scripts': block_scripts}
debug_info = '1=12&2=17&3=28&4=47&5=49&6=53&7=55&8=59&11=61&13=65&14=69&18=93'

# Generated by `python3 -m legalreview.render.precompile` from templates/countries.html.j2: do not edit.
