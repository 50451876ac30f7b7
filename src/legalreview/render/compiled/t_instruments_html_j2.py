from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'instruments.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'instruments.html.j2')
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
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'International instruments', _block_vars=_block_vars))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_illustrative = resolve('illustrative')
    l_0_instruments = resolve('instruments')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    yield '<h1>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'International instruments', _block_vars=_block_vars))
    yield '</h1>\n<p class="lede">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'The treaties each country file records, with the date and source the reviewer gives. A country that records nothing for an instrument is counted as "not recorded", never as a non-party: this page says only what the files say.', _block_vars=_block_vars))
    yield '</p>\n'
    if (undefined(name='illustrative') if l_0_illustrative is missing else l_0_illustrative):
        pass
        yield '<p class="note">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Positions recorded with the illustrative coding are marked: check each against the treaty depositary before citing it.', _block_vars=_block_vars))
        yield '</p>'
    for l_1_i in (undefined(name='instruments') if l_0_instruments is missing else l_0_instruments):
        l_1_statuses = resolve('statuses')
        _loop_vars = {}
        pass
        yield '<section aria-labelledby="instrument-'
        yield escape(environment.getattr(l_1_i, 'id'))
        yield '">\n<h2 id="instrument-'
        yield escape(environment.getattr(l_1_i, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_i, 'short'))
        yield '</h2>\n<p>'
        yield escape(environment.getattr(l_1_i, 'title'))
        if environment.getattr(l_1_i, 'adopted'):
            pass
            yield ' ('
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'adopted %(year)s', _loop_vars=_loop_vars), year=environment.getattr(l_1_i, 'adopted')))
            yield ')'
        yield '.</p>\n<div class="table-scroll" role="region" tabindex="0" aria-label="'
        yield escape(environment.getattr(l_1_i, 'short'))
        yield ': '
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'positions recorded, by region', _loop_vars=_loop_vars))
        yield '">\n<table class="data">\n  <caption>'
        yield escape(environment.getattr(l_1_i, 'short'))
        yield ': '
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'positions recorded, by region', _loop_vars=_loop_vars))
        yield '</caption>\n  <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Region', _loop_vars=_loop_vars))
        yield '</th>'
        for l_2_s in (undefined(name='statuses') if l_1_statuses is missing else l_1_statuses):
            _loop_vars = {}
            pass
            yield '<th scope="col" class="num">'
            yield escape(environment.getattr(l_2_s, 'label'))
            yield '</th>'
        l_2_s = missing
        yield '<th scope="col" class="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Not recorded', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n  <tbody>\n'
        for l_2_c in environment.getattr(l_1_i, 'counts'):
            _loop_vars = {}
            pass
            yield '<tr><th scope="row">'
            yield escape(environment.getattr(l_2_c, 'region'))
            yield '</th>'
            for l_3_s in (undefined(name='statuses') if l_1_statuses is missing else l_1_statuses):
                _loop_vars = {}
                pass
                yield '<td class="num">'
                yield escape(environment.getitem(l_2_c, environment.getattr(l_3_s, 'id')))
                yield '</td>'
            l_3_s = missing
            yield '<td class="num">'
            yield escape(environment.getattr(l_2_c, 'not_recorded'))
            yield '</td></tr>\n'
        l_2_c = missing
        yield '  </tbody>\n</table>\n</div>\n'
        if environment.getattr(l_1_i, 'rows'):
            pass
            yield '<div class="table-scroll" role="region" tabindex="0" aria-label="'
            yield escape(environment.getattr(l_1_i, 'short'))
            yield ': '
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'each position recorded', _loop_vars=_loop_vars))
            yield '">\n<table class="data sortable">\n  <caption>'
            yield escape(environment.getattr(l_1_i, 'short'))
            yield ': '
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'each position recorded', _loop_vars=_loop_vars))
            yield '</caption>\n  <thead><tr><th scope="col" data-type="text">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country', _loop_vars=_loop_vars))
            yield '</th><th scope="col" data-type="text">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Position', _loop_vars=_loop_vars))
            yield '</th><th scope="col" data-type="text">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Date', _loop_vars=_loop_vars))
            yield '</th></tr></thead>\n  <tbody>\n'
            for l_2_r in environment.getattr(l_1_i, 'rows'):
                _loop_vars = {}
                pass
                yield '<tr><th scope="row" data-sort="'
                yield escape(environment.getattr(l_2_r, 'country'))
                yield '"><a href="'
                yield escape(environment.getattr(l_2_r, 'href'))
                yield '">'
                yield escape(environment.getattr(l_2_r, 'country'))
                yield '</a>'
                if environment.getattr(l_2_r, 'illustrative'):
                    pass
                    yield ' <span class="flag" title="'
                    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Illustrative coding', _loop_vars=_loop_vars))
                    yield '">'
                    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'illustrative', _loop_vars=_loop_vars))
                    yield '</span>'
                yield '</th><td data-sort="'
                yield escape(environment.getattr(l_2_r, 'status'))
                yield '">'
                yield escape(environment.getattr(l_2_r, 'status_label'))
                yield '</td><td data-sort="'
                yield escape(environment.getattr(l_2_r, 'date'))
                yield '">'
                yield escape(environment.getattr(l_2_r, 'date'))
                yield '</td></tr>\n'
            l_2_r = missing
            yield '  </tbody>\n</table>\n</div>\n'
        else:
            pass
            yield '<p class="none">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'No country file records a position on it yet.', _loop_vars=_loop_vars))
            yield '</p>'
        yield '</section>\n'
    l_1_i = l_1_statuses = missing

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '<script src="static/site.js" defer></script>'

blocks = {'title': block_title, 'main': block_main, 'scripts': block_scripts}
debug_info = '1=12&2=17&3=28&4=46&5=48&6=50&7=55&8=60&9=62&10=66&11=73&13=77&14=81&16=93&21=111&22=114&24=118&25=122&27=128&32=159&36=164'

# Generated by `python3 -m legalreview.render.precompile` from templates/instruments.html.j2: do not edit.
